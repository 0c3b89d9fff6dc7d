import pg from 'pg';
import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { EntityManager } from 'typeorm';
import { AuditModule } from '@mkt/audit';
import { CommonModule } from '@mkt/common';
import { AppConfig, ConfigModule, loadConfig } from '@mkt/config';
import { DatabaseModule, TransactionRunner } from '@mkt/database';
import { ReferenceModule } from '@mkt/reference';
import { createMigratedTestDatabase, dropTestDatabase } from './test-database';

type Importable = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface LibTestOptions {
  /** The lib's module (and any module it expects the app to provide, e.g. RateLimitModule.forRoot). */
  imports: Importable[];
  /** Extra configuration, as environment variables (the app's defaults otherwise). */
  env?: Record<string, string>;
}

/** A lib's module wired as the app wires it, on a fresh migrated database of its own. */
export interface LibTest {
  module: TestingModule;
  config: AppConfig;
  databaseUrl: string;
  /** Direct access for assertions on what the database holds (and for arranging rows). */
  pool: pg.Pool;
  get<T>(token: Type<T> | string | symbol): T;
  /** Runs `work` in one transaction, as a resolver's service call would. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /** The rows a statement returns, read outside any service. */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Silences the pool's and SQL logger's lines: tests assert on results and rows, not logs. */
const quiet = { warn: () => undefined, info: () => undefined, error: () => undefined, debug: () => undefined };

/**
 * What every lib can count on from the app: configuration, the clock (CommonModule), the pool and
 * transactions (DatabaseModule), and the two global modules, audit trail and reference data.
 * Real services, real SQL; nothing is mocked.
 */
export async function startLibTest(options: LibTestOptions): Promise<LibTest> {
  const databaseUrl = await createMigratedTestDatabase();
  // Fixtures are dated in 2026 (before today): past start dates allowed on any route, as before issue 13.
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_DATA: 'off',
    LOG_LEVEL: 'silent',
    RETROSPECTIVE_ORDERS: 'allow',
    DATABASE_URL: databaseUrl,
    ...options.env,
  });
  let module: TestingModule | undefined;
  try {
    module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: 4, statementTimeoutMs: config.dbStatementTimeoutMs, log: quiet }),
        AuditModule,
        ReferenceModule,
        ...options.imports,
      ],
    }).compile();
    // Lifecycle hooks run as at the app's start (ReferenceService loads regions on bootstrap).
    await module.init();
  } catch (error) {
    await module?.close();
    await dropTestDatabase(databaseUrl);
    throw error;
  }
  return libTest(module, config, databaseUrl);
}

function libTest(module: TestingModule, config: AppConfig, databaseUrl: string): LibTest {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const db = module.get(TransactionRunner);
  return {
    module,
    config,
    databaseUrl,
    pool,
    get: (token) => module.get(token),
    transaction: (work) => db.run(work),
    rows: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    async close() {
      await pool.end();
      await module.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}
