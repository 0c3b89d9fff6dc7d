import path from 'node:path';
import pg from 'pg';
import { AppConfig } from '@mkt/config';
import { EmbeddedPostgres } from '@mkt/database';
import { AppLogger } from './app-logger';

export const EMBEDDED_DATABASE = 'marketplace';

export interface DatabaseTarget {
  url: string;
  embedded?: EmbeddedPostgres;
}

/**
 * `DATABASE_URL` when set; otherwise a persistent embedded PostgreSQL whose data lives in
 * `DATA_DIR/pg`, with the app's database created on first use.
 */
export async function resolveDatabase(config: AppConfig, logger: AppLogger): Promise<DatabaseTarget> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = new EmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'pg'),
    port: config.embeddedPgPort,
    onLog: (message) => logger.info({ component: 'embedded-postgres' }, message),
  });
  const started = Date.now();
  await embedded.start();
  const admin = new pg.Client({ connectionString: embedded.url('postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }
  logger.info(
    { dataDir: embedded.clusterDir, port: config.embeddedPgPort, created: embedded.created, ms: Date.now() - started },
    'embedded PostgreSQL is running',
  );
  return { url: embedded.url(EMBEDDED_DATABASE), embedded };
}
