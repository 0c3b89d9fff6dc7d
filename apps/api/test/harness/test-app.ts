import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@mkt/config';
import { type MigrationClass, runMigrations } from '@mkt/database';
import { issueLocalToken, Role, TokenClaims } from '@mkt/auth';
import { createTestDatabase, dropTestDatabase } from '@mkt/testing';
import { createApp } from '../../src/bootstrap/create-app';
import { createLogger } from '../../src/bootstrap/logger';
import { MIGRATIONS } from '../../src/migrations';

export interface GqlResult<T = any> {
  status: number;
  data: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
  headers: Headers;
}

export interface TestApp {
  url: string;
  /** Log lines written by the app, parsed, when started with `captureLogs`. */
  logs: Record<string, any>[];
  databaseUrl: string;
  /** Holds the local signing key: a replica started on the same directory accepts the same tokens. */
  dataDir: string;
  /** Direct access for assertions on what the database holds. */
  pool: pg.Pool;
  nest: INestApplication;
  token(claims: Omit<TokenClaims, 'sub'> & { sub?: string }): Promise<string>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

// One database per file, on the run's server: shared with the service-level tier (libs/<lib>/test).
export { createTestDatabase, dropTestDatabase };

export interface TestAppOptions {
  /** Keep the app's log lines in `app.logs` (at LOG_LEVEL, default `info`) instead of dropping them. */
  captureLogs?: boolean;
  /** Use this database (migrated here, not dropped on close) instead of a fresh one: a second replica. */
  databaseUrl?: string;
  /** Share another app's DATA_DIR (and so its local signing key); not removed on close. */
  dataDir?: string;
  /** Apply these migrations instead of all of them: a database as an earlier release left it. */
  migrations?: MigrationClass[];
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  await runMigrations(databaseUrl, options.migrations ?? MIGRATIONS);
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-test-data-')));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    LOG_LEVEL: options.captureLogs ? 'info' : (process.env.TEST_LOG_LEVEL ?? 'silent'),
    DB_POOL_SIZE: '10',
    // The suite's worlds are dated in 2026 (contracts whose periods have started, reports due), so
    // their orders start before today: they run with past start dates allowed on any route, as before
    // issue 13. award-routes.e2e-spec.ts starts its app with RETROSPECTIVE_ORDERS=enforce, the default.
    RETROSPECTIVE_ORDERS: 'allow',
    // `GRAPHQL_EXECUTOR=graphql-js npm test` runs the whole suite on the reference executor.
    ...(process.env.GRAPHQL_EXECUTOR ? { GRAPHQL_EXECUTOR: process.env.GRAPHQL_EXECUTOR } : {}),
    // The app is given the URL directly; production mode also requires it to be configured.
    DATABASE_URL: databaseUrl,
    ...env,
  });
  const logs: Record<string, any>[] = [];
  const logger = options.captureLogs
    ? createLogger(config.logLevel, { write: (line: string) => void logs.push(JSON.parse(line)) })
    : createLogger(config.logLevel);
  const nest = await createApp(config, databaseUrl, logger);
  await nest.listen(0, '127.0.0.1');
  const address = nest.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  // Fault tests stop the database or end sessions: an idle client's error must not crash the runner.
  pool.on('error', () => undefined);
  let counter = 0;

  return {
    url,
    logs,
    databaseUrl,
    dataDir,
    pool,
    nest,
    token: (claims) => issueLocalToken(dataDir, { ...claims, sub: claims.sub ?? `${claims.roles[0].toLowerCase()}-${++counter}` }),
    gql: graphqlClient(url),
    async close() {
      await pool.end();
      await nest.close();
      if (!options.databaseUrl) await dropTestDatabase(databaseUrl);
      if (!options.dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

function graphqlClient(url: string): TestApp['gql'] {
  return async (query, variables, token) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: GqlResult['errors'] };
    return { status: response.status, data: body.data as any, errors: body.errors, headers: response.headers };
  };
}

export interface Replica {
  url: string;
  nest: INestApplication;
  gql: TestApp['gql'];
  close(): Promise<void>;
}

/**
 * A second instance of the app on the primary's database and data directory (so the same tokens
 * work), as another replica behind a load balancer would be. Closing it leaves the database alone.
 */
export async function startReplica(primary: TestApp, env: Record<string, string> = {}): Promise<Replica> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: primary.dataDir,
    DEMO_DATA: 'off',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DB_POOL_SIZE: '10',
    RETROSPECTIVE_ORDERS: 'allow',
    DATABASE_URL: primary.databaseUrl,
    ...(process.env.GRAPHQL_EXECUTOR ? { GRAPHQL_EXECUTOR: process.env.GRAPHQL_EXECUTOR } : {}),
    ...env,
  });
  const nest = await createApp(config, primary.databaseUrl, createLogger(config.logLevel));
  await nest.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(nest.getHttpServer().address() as { port: number }).port}`;
  return { url, nest, gql: graphqlClient(url), close: () => nest.close() };
}

/** The `extensions.code` of the first error, or undefined when the call succeeded. */
export function errorCode(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/** Fails loudly with the GraphQL errors when a call that should succeed did not. */
export function expectOk<T>(result: GqlResult<T>): T {
  if (result.errors?.length) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  }
  return result.data;
}

export const roles = Role;
