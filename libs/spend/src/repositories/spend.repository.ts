import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '@mkt/database';

/**
 * Runs the aggregates rules/spend-query.ts builds over the spend summaries. Callers open the
 * transaction (`TransactionRunner.report`): SET LOCAL and the cursor need one.
 */
@Injectable()
export class SpendRepository {
  /**
   * Runs an aggregate with enough memory to hash-aggregate and sort tens of thousands of groups
   * in memory (the default 4MB spills them to disk); SET LOCAL needs the transaction.
   */
  async aggregate<R>(em: EntityManager, sql: string, params: unknown[]): Promise<R[]> {
    await em.query(`SET LOCAL work_mem = '64MB'`);
    return queryRows<R>(em, sql, params);
  }

  /**
   * Streams the statement's rows in batches from a server-side cursor, so a large export never
   * sits in memory. `write` resolves when the consumer can take more (false: stop).
   */
  async stream<R>(em: EntityManager, sql: string, params: unknown[], write: (rows: R[]) => Promise<boolean>, batchSize: number): Promise<void> {
    await em.query('SET TRANSACTION READ ONLY');
    await em.query(`SET LOCAL work_mem = '64MB'`);
    await em.query(`DECLARE spend_export NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const rows = await queryRows<R>(em, `FETCH ${Math.floor(batchSize)} FROM spend_export`);
      if (!rows.length) break;
      if (!(await write(rows))) break;
      if (rows.length < batchSize) break;
    }
    await em.query('CLOSE spend_export');
  }
}
