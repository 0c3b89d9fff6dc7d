import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SqlLogSink, SqlStatementLogger } from './sql-logger';
import { TransactionRunner } from './transaction-runner';

export interface DatabaseModuleOptions {
  url: string;
  /** Read replica for reports: TypeORM replication, reports run on a 'slave' query runner. */
  replicaUrl?: string;
  poolSize: number;
  statementTimeoutMs: number;
  log: SqlLogSink;
}

/**
 * The app's connection pool. Schema changes are never synchronised: migrations run before the app
 * starts (`runMigrations`), under an advisory lock.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    // A connection's events (an idle one ended by the server, say) fire in the async context of the
    // request that happened to open it; they belong to the pool, so they are logged in the context
    // the pool was configured in, where no request is current.
    const outsideRequests = AsyncLocalStorage.snapshot();
    const poolErrorHandler = (error: Error) =>
      outsideRequests(() =>
        // Not `err`: pg-pool hangs the whole client on the error, which would be serialised too.
        options.log.warn(
          { code: (error as { code?: string }).code, reason: error.message },
          'database pool: a connection failed; the pool opens a new one when needed',
        ),
      );
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          ...(options.replicaUrl
            ? { replication: { master: { url: options.url }, slaves: [{ url: options.replicaUrl }], defaultMode: 'master' as const } }
            : { url: options.url }),
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          logger: new SqlStatementLogger(options.log),
          poolErrorHandler,
          maxQueryExecutionTime: 500,
          extra: {
            max: options.poolSize,
            application_name: 'mkt-api',
            // Transactions rely on READ COMMITTED (TransactionRunner); pin it whatever the server's default.
            // A runaway statement is cancelled (and reported as retryable) instead of holding a connection.
            options: `-c default_transaction_isolation=read\\ committed -c statement_timeout=${options.statementTimeoutMs}`,
            connectionTimeoutMillis: 5_000,
            idleTimeoutMillis: 30_000,
          },
          // Fail fast at start instead of retrying for minutes; the health check reports later outages.
          retryAttempts: 1,
          retryDelay: 500,
        }),
      ],
      providers: [TransactionRunner],
      exports: [TransactionRunner],
    };
  }
}
