import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MigrationClass, runMigrations } from '@mkt/database';

/**
 * Databases for tests, on the run's throw-away PostgreSQL server (started by Jest's global setup,
 * apps/api/test/harness/global-setup.ts, which publishes its admin URL as TEST_DATABASE_ADMIN_URL).
 * One database per test file, so files running in parallel never see each other's rows.
 */
function adminUrl(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL;
  if (!url) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run tests with npm test');
  return url;
}

async function asAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Creates an empty database with a fresh name and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/**
 * The app's migrations, in order. The list lives in the app (apps/api/src/migrations.ts), which a
 * lib may not import: Jest's setup file (apps/api/test/harness/register-migrations.ts) hands this
 * lib a loader for it, called only by test files that need a migrated database.
 */
const MIGRATIONS_LOADER = Symbol.for('mkt.testing.migrations');
type MigrationsLoader = () => Promise<MigrationClass[]>;

export async function appMigrations(): Promise<MigrationClass[]> {
  const loader = (globalThis as { [MIGRATIONS_LOADER]?: MigrationsLoader })[MIGRATIONS_LOADER];
  if (!loader) throw new Error('No migrations registered: jest.config.ts must list apps/api/test/harness/register-migrations.ts in setupFiles');
  return loader();
}

export function registerMigrations(loader: MigrationsLoader): void {
  (globalThis as { [MIGRATIONS_LOADER]?: MigrationsLoader })[MIGRATIONS_LOADER] = loader;
}

/** A fresh database with every migration applied. */
export async function createMigratedTestDatabase(): Promise<string> {
  const url = await createTestDatabase();
  await runMigrations(url, await appMigrations());
  return url;
}
