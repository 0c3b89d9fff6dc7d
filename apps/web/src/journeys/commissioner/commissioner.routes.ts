import express from 'express';

export function commissionerRoutes(): express.Router {
  const router = express.Router();
  return router;
}
