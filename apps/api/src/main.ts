import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError, loadConfig } from '@mkt/config';
import { loadWebConfig } from '../../web/src';
import { EmbeddedPostgresPortInUseError, runMigrations, whenConnectionsClosed } from '@mkt/database';
import { AppLogger } from './bootstrap/app-logger';
import { createApp } from './bootstrap/create-app';
import { DatabaseTarget, resolveDatabase } from './bootstrap/database-target';
import { createLogger, logProcessWarnings } from './bootstrap/logger';
import { loadDemoDataIfEmpty } from './demo/demo-data';
import { MIGRATIONS } from './migrations';

const SHUTDOWN_GRACE_MS = 25_000;
/** A setting stops the app (sysexits EX_CONFIG): a bad value, or a port another process holds. */
const EXIT_CONFIG = 78;

// Every line on stdout is JSON, start-up failures included: until the configured logger exists
// (a bad LOG_LEVEL among the settings), this one writes them.
let logger: AppLogger = createLogger('info');

/** One fatal JSON line naming what to change, then exit 78 (the embedded database stops on exit). */
function refuse(fields: Record<string, unknown>, message: string): never {
  logger.fatal(fields, message);
  process.exit(EXIT_CONFIG);
}

function loadConfigOrRefuse(): AppConfig {
  try {
    const config = loadConfig();
    loadWebConfig(config); // the web pages' settings (OIDC_*, SESSION_SECRET), checked as early
    return config;
  } catch (error) {
    if (error instanceof ConfigError) refuse({ problems: error.problems }, `invalid configuration: ${error.problems.join('; ')}`);
    throw error;
  }
}

async function startDatabase(config: AppConfig): Promise<DatabaseTarget> {
  try {
    return await resolveDatabase(config, logger);
  } catch (error) {
    if (error instanceof EmbeddedPostgresPortInUseError) {
      refuse(
        { setting: 'EMBEDDED_PG_PORT', port: error.port },
        `EMBEDDED_PG_PORT ${error.port} is in use by another process: stop it, or set EMBEDDED_PG_PORT to a free port`,
      );
    }
    throw error;
  }
}

async function listen(app: INestApplication, config: AppConfig): Promise<void> {
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      refuse({ setting: 'PORT', port: config.port }, `PORT ${config.port} is in use by another process: stop it, or set PORT to a free port`);
    }
    throw error;
  }
}

/**
 * SIGTERM or SIGINT: stop accepting, finish requests in flight, close the pool (Nest's shutdown
 * hooks), and only then stop the embedded PostgreSQL, so no connection sees its server go away.
 * Installed as soon as the database runs: a signal during start-up still stops PostgreSQL.
 */
function stopOnSignals(database: DatabaseTarget, app: () => INestApplication | undefined): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing those in flight');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      const running = app();
      const connectionsClosed = running ? whenConnectionsClosed(running.get(DataSource)) : () => Promise.resolve();
      await running?.close();
      await connectionsClosed();
      if (database.embedded) {
        await database.embedded.stop();
        logger.info('embedded PostgreSQL stopped');
      }
      logger.info('bye');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function main(): Promise<void> {
  const config = loadConfigOrRefuse();
  logger = createLogger(config.logLevel);
  logProcessWarnings(logger);
  const database = await startDatabase(config);
  process.once('exit', () => database.embedded?.stopSync());
  // The app once it exists: a signal before then stops PostgreSQL only.
  const running: { app?: INestApplication } = {};
  stopOnSignals(database, () => running.app);

  const applied = await runMigrations(database.url, MIGRATIONS);
  logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema is up to date');

  const app = await createApp(config, database.url, logger);
  running.app = app;
  await app.init();
  if (database.embedded && config.demoData) await loadDemoDataIfEmpty(app, logger);
  await listen(app, config);

  const url = `http://localhost:${config.port}/graphql`;
  logger.info({ url, health: `http://localhost:${config.port}/health` }, `API listening on ${url}`);
  // The pages are mounted outside production, and in production once OIDC is configured (apps/web).
  if (!config.production || process.env.OIDC_ISSUER) logger.info(`Web pages at http://localhost:${config.port}/ (see README "Web service")`);
  if (!config.production) {
    logger.info('Get a token: npm run --silent token -- --role commissioner --region north-west (see README "First query")');
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, `the API failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
