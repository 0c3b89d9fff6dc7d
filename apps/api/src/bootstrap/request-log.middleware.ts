import type { NextFunction, Request, Response } from 'express';
import { RequestContexts } from '@mkt/common';
import { AppLogger } from './app-logger';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Opens the request's context (request id, SQL statement count) and writes one JSON line per
 * request when the response is finished: id, method, path, status, duration, principal `sub`,
 * GraphQL operation and error codes. Never headers, bodies, variables or tokens.
 */
export function requestLogMiddleware(logger: AppLogger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : undefined;
    RequestContexts.run(() => {
      const ctx = RequestContexts.current()!;
      res.setHeader('x-request-id', ctx.requestId);
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const principal = (req as unknown as { principal?: { sub: string } }).principal;
        logger.info(
          {
            requestId: ctx.requestId,
            method: req.method,
            // originalUrl: Express strips the mount path (/graphql) from req.path inside the GraphQL handler.
            path: req.originalUrl.split('?')[0].slice(0, 200),
            status: res.statusCode,
            ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
            principal: principal?.sub,
            operation: ctx.operationType,
            operationName: ctx.operationName?.slice(0, 100),
            errors: ctx.errorCodes,
            sqlStatements: ctx.sqlStatements,
          },
          'request',
        );
      });
      next();
    }, requestId);
  };
}
