import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '@mkt/config';
import { createValidationPipe, RequestContexts } from '@mkt/common';
import { AppModule } from '../app.module';
import { AppLogger } from './app-logger';
import { PinoNestLogger } from './logger';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the configured HTTP app (not listening yet): used by `main.ts` and by the tests. */
export async function createApp(config: AppConfig, databaseUrl: string, logger: AppLogger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, logger), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // GraphQL answers POSTs, which no cache revalidates: hashing every response body for an ETag is waste.
  app.set('etag', false);
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : undefined;
    RequestContexts.run(() => {
      const ctx = RequestContexts.current()!;
      res.setHeader('x-request-id', ctx.requestId);
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const principal = (req as unknown as { principal?: { sub: string } }).principal;
        const body = req.body as { operationName?: unknown } | undefined;
        logger.info(
          {
            requestId: ctx.requestId,
            method: req.method,
            path: req.path,
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            principal: principal?.sub,
            operationName: typeof body?.operationName === 'string' ? body.operationName.slice(0, 100) : undefined,
            sqlStatements: ctx.sqlStatements,
          },
          'request',
        );
      });
      next();
    }, requestId);
  });
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalPipes(createValidationPipe());
  return app;
}
