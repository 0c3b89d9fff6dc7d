import express from 'express';

export function directorateRoutes(): express.Router {
  const router = express.Router();
  return router;
}
