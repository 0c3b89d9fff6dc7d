import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@mkt/config';
import { createValidationPipe } from '@mkt/common';
import { mountWeb } from '../../../web/src';
import { AppModule } from '../app.module';
import { AppLogger } from './app-logger';
import { applyBodyParsing, applyCors, applySecurityHeaders } from './http-hardening';
import { PinoNestLogger } from './logger';
import { requestLogMiddleware } from './request-log.middleware';

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
  const server = app.getHttpServer();
  server.keepAliveTimeout = config.http.keepAliveTimeoutSeconds * 1000;
  // Node requires the header timeout to exceed the keep-alive timeout.
  server.headersTimeout = server.keepAliveTimeout + 5_000;
  // Which proxies' X-Forwarded-For to believe: the client IP keys the rate limit of anonymous callers.
  app.set('trust proxy', config.http.trustProxy);
  // Order matters: the request context first (ids in every later log line), then headers and CORS,
  // then the body (its errors are answered with CORS headers already set).
  app.use(requestLogMiddleware(logger));
  applySecurityHeaders(app, config);
  applyCors(app, config);
  applyBodyParsing(app, config, logger);
  app.useGlobalPipes(createValidationPipe());
  // The GOV.UK pages (apps/web) on the same port; they claim their own paths only, never the API's.
  await mountWeb(app, config, logger);
  return app;
}
