import express from 'express';

export function providerRoutes(): express.Router {
  const router = express.Router();
  return router;
}
