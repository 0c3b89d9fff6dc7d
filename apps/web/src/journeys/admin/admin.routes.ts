import express from 'express';

export function adminRoutes(): express.Router {
  const router = express.Router();
  return router;
}
