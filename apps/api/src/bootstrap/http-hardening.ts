import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { RequestContexts } from '@mkt/common';
import { AppConfig } from '@mkt/config';
import { AppLogger } from './app-logger';

/**
 * Browser-facing defences in front of every route. The API answers JSON only, so the content
 * security policy allows nothing; the one HTML page (the GraphiQL explorer at GET /graphql, outside
 * production only) loads its scripts and styles from a CDN, so it is served without that policy.
 */
export function applySecurityHeaders(app: NestExpressApplication, config: AppConfig): void {
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    frameguard: { action: 'deny' },
  });
  const explorer = helmet({ contentSecurityPolicy: false, frameguard: { action: 'deny' } });
  app.use((req: Request, res: Response, next: NextFunction) => (!config.production && isExplorerPage(req) ? explorer : strict)(req, res, next));
}

function isExplorerPage(req: Request): boolean {
  // The same test Apollo makes before serving its landing page instead of a GraphQL response.
  return req.method === 'GET' && req.path === '/graphql' && req.accepts(['application/json', 'text/html']) === 'text/html';
}

/**
 * Cross-origin access only for the origins listed in CORS_ORIGINS (none by default: browsers on
 * other sites cannot read responses). Tokens travel in the Authorization header, never in cookies,
 * so credentials are not allowed.
 */
export function applyCors(app: NestExpressApplication, config: AppConfig): void {
  if (!config.http.corsOrigins.length) return;
  app.enableCors({
    origin: config.http.corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    credentials: false,
    maxAge: 600,
  });
}

/**
 * JSON bodies up to BODY_LIMIT. Body errors (too large, not JSON, unsupported charset) are answered
 * here as JSON in the GraphQL error shape, with no parser message or stack trace.
 */
export function applyBodyParsing(app: NestExpressApplication, config: AppConfig, logger: AppLogger): void {
  app.useBodyParser('json', { limit: config.http.bodyLimitBytes });
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
    if (res.headersSent || typeof status !== 'number' || status < 400 || status >= 500) return next(error);
    const [code, message] = describeBodyError(status, type, config.http.bodyLimitBytes);
    logger.info({ requestId: RequestContexts.current()?.requestId, status, type }, 'request body refused');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });
}

function describeBodyError(status: number, type: unknown, limit: number): [string, string] {
  if (status === 413) return ['PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes`];
  if (status === 415) return ['UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON in UTF-8'];
  if (type === 'entity.parse.failed') return ['BAD_REQUEST', 'The request body is not valid JSON'];
  return ['BAD_REQUEST', 'The request body could not be read'];
}
