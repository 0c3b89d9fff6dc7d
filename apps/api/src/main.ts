import 'reflect-metadata';
import { ConfigError, loadConfig } from '@mkt/config';
import { loadWebConfig } from '../../web/src';
import { runMigrations } from '@mkt/database';
import { createApp } from './bootstrap/create-app';
import { resolveDatabase } from './bootstrap/database-target';
import { createLogger } from './bootstrap/logger';
import { loadDemoDataIfEmpty } from './demo/demo-data';
import { MIGRATIONS } from './migrations';

const SHUTDOWN_GRACE_MS = 25_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    loadWebConfig(config); // the web pages' settings (OIDC_*, SESSION_SECRET), checked as early
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = await resolveDatabase(config, logger);
  process.once('exit', () => database.embedded?.stopSync());

  const applied = await runMigrations(database.url, MIGRATIONS);
  logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema is up to date');

  const app = await createApp(config, database.url, logger);
  await app.init();
  if (database.embedded && config.demoData) await loadDemoDataIfEmpty(app, logger);
  await app.listen(config.port, config.host);

  const url = `http://localhost:${config.port}/graphql`;
  logger.info({ url, health: `http://localhost:${config.port}/health` }, `API listening on ${url}`);
  // The pages are mounted outside production, and in production once OIDC is configured (apps/web).
  if (!config.production || process.env.OIDC_ISSUER) logger.info(`Web pages at http://localhost:${config.port}/ (see README "Web service")`);
  if (!config.production) {
    logger.info(
      'Get a token: npm run --silent token -- --role commissioner --region north-west (see README "First query")',
    );
  }

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
      await app.close(); // stops accepting, waits for in-flight requests, closes the pool
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

main().catch((error: unknown) => {
  process.stderr.write(`The API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
