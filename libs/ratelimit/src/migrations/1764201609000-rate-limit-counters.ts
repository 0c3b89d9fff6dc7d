import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared rate-limit counters (RATE_LIMIT_STORE=postgres): one row per caller and minute. UNLOGGED:
 * not written to the WAL, not replicated, emptied after a crash; losing a minute of counts is fine.
 */
export class RateLimitCounters1764201609000 implements MigrationInterface {
  name = 'RateLimitCounters1764201609000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_counter (
        bucket_key text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (bucket_key, window_start)
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rate_limit_counter');
  }
}
