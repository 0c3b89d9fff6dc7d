import { Logger as TypeOrmLogger } from 'typeorm';
import { RequestContexts } from '@mkt/common';

export interface SqlLogSink {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

const CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SET|SAVEPOINT|RELEASE)/i;

/**
 * Counts the data statements each request sends (transaction control and SET excluded), so the
 * N+1 test and the benchmark can read it; forwards slow and failed queries to the app log without
 * their parameters (they may hold personal references).
 */
export class SqlStatementLogger implements TypeOrmLogger {
  constructor(
    private readonly sink: SqlLogSink,
    private readonly slowMs = 500,
  ) {}

  logQuery(query: string): void {
    const ctx = RequestContexts.current();
    if (ctx && !CONTROL.test(query)) ctx.sqlStatements += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    this.sink.error({ err: error, query: query.slice(0, 500), requestId: RequestContexts.current()?.requestId }, 'SQL error');
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= this.slowMs) this.sink.warn({ ms: time, query: query.slice(0, 500) }, 'slow SQL');
  }

  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.sink.debug({ message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink.warn({ message }, 'typeorm');
  }
}
