/**
 * The app on Fastify instead of Express, for the adapter comparison only (`--adapters
 * express,fastify`). Same compiled AppModule, config, migrations, logger and validation pipe as
 * apps/api/src/main.ts; the Express-only parts of create-app.ts are redone with Fastify's own
 * means: the request context (request id, SQL statement count) in a preHandler hook, the 1 MB body
 * limit as Fastify's bodyLimit, the request log line in an onResponse hook.
 *
 * Not a supported way to run the API: see docs/performance.md ("Express or Fastify") for why Express stays.
 */
import type { DynamicModule, LoggerService, PipeTransform } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadBuilt } from '../lib/built-app';

/** The compiled app's modules, loaded from dist/ at run time; typed here as far as this file uses them. */
const load = loadBuilt;

interface AppConfig {
  databaseUrl?: string;
  logLevel: string;
  port: number;
  host: string;
}
interface Logger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}
interface RequestContext {
  requestId: string;
  sqlStatements: number;
}
type ContextRequest = FastifyRequest & { mktContext?: RequestContext; principal?: { sub: string } };

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

type RequestContextsApi = { run(work: () => void, requestId?: string): void; current(): RequestContext };

/** The compiled app's pieces this file wires: the same as apps/api/src/main.ts uses. */
function loadApp() {
  const { loadConfig } = load<{ loadConfig: () => AppConfig }>('libs/config/src/index.js');
  const { runMigrations } = load<{ runMigrations: (url: string, migrations: unknown[]) => Promise<void> }>('libs/database/src/index.js');
  const { createValidationPipe, RequestContexts } = load<{
    createValidationPipe: () => PipeTransform;
    RequestContexts: RequestContextsApi;
  }>('libs/common/src/index.js');
  const { AppModule } = load<{ AppModule: { forRoot(config: AppConfig, databaseUrl: string, logger: Logger): DynamicModule } }>(
    'apps/api/src/app.module.js',
  );
  const { createLogger, PinoNestLogger } = load<{
    createLogger: (level: string) => Logger;
    PinoNestLogger: new (logger: Logger) => LoggerService;
  }>('apps/api/src/bootstrap/logger.js');
  const { MIGRATIONS } = load<{ MIGRATIONS: unknown[] }>('apps/api/src/migrations.js');
  return { loadConfig, runMigrations, createValidationPipe, RequestContexts, AppModule, createLogger, PinoNestLogger, MIGRATIONS };
}

async function main() {
  const { loadConfig, runMigrations, createValidationPipe, RequestContexts, AppModule, createLogger, PinoNestLogger, MIGRATIONS } = loadApp();
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('the Fastify variant needs DATABASE_URL');
  const logger = createLogger(config.logLevel);
  await runMigrations(config.databaseUrl, MIGRATIONS);

  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, trustProxy: ['loopback', 'linklocal', 'uniquelocal'] });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, config.databaseUrl, logger), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  addRequestHooks(app.getHttpAdapter().getInstance(), RequestContexts, logger);
  app.useGlobalPipes(createValidationPipe());
  await app.init();
  await app.listen(config.port, config.host);
  logger.warn({ port: config.port }, 'API (Fastify variant) listening');

  const shutdown = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

/** What create-app.ts does with Express middleware: the request context, and one log line per request. */
function addRequestHooks(fastify: FastifyInstance, RequestContexts: RequestContextsApi, logger: Logger) {
  const started = new WeakMap<object, bigint>();
  fastify.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    started.set(req, process.hrtime.bigint());
    done();
  });
  // After the body is parsed and right before the handler: the handler runs inside the context.
  fastify.addHook('preHandler', (req: ContextRequest, reply: FastifyReply, done: () => void) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : undefined;
    RequestContexts.run(() => {
      const ctx = RequestContexts.current();
      req.mktContext = ctx;
      reply.header('x-request-id', ctx.requestId);
      done();
    }, requestId);
  });
  fastify.addHook('onResponse', (req: ContextRequest, reply: FastifyReply, done: () => void) => {
    const ctx = req.mktContext;
    const body = req.body as { operationName?: unknown } | undefined;
    logger.info(
      {
        requestId: ctx?.requestId,
        method: req.method,
        path: req.url,
        status: reply.statusCode,
        ms: Number(process.hrtime.bigint() - (started.get(req) ?? process.hrtime.bigint())) / 1e6,
        principal: req.principal?.sub,
        operationName: typeof body?.operationName === 'string' ? body.operationName.slice(0, 100) : undefined,
        sqlStatements: ctx?.sqlStatements,
      },
      'request',
    );
    done();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`The API (Fastify) failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
