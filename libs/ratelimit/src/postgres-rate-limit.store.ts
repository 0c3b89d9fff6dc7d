import { DataSource } from 'typeorm';
import { RateLimitStore, WindowCount } from './rate-limit.store';

const CLEANUP_EVERY_MS = 60_000;

/**
 * Counters in PostgreSQL, shared by every replica on the same database. One statement per hit: an
 * upsert that adds to the current window's row and returns the total, so concurrent hits from
 * several replicas never lose a count. The window comes from the database clock, so replicas
 * with slightly different clocks still agree on it. The table is UNLOGGED (no WAL, emptied after a
 * crash): counters are worth less than the write load of logging them.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private lastCleanup = 0;

  constructor(private readonly dataSource: DataSource) {}

  async hit(key: string, weight: number): Promise<WindowCount> {
    this.cleanupNow();
    const rows: { hits: number; resets_in: string }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_counter AS c (bucket_key, window_start, hits)
       VALUES ($1, date_trunc('minute', clock_timestamp()), $2)
       ON CONFLICT (bucket_key, window_start) DO UPDATE SET hits = c.hits + EXCLUDED.hits
       RETURNING c.hits, extract(epoch FROM c.window_start + interval '1 minute' - clock_timestamp()) AS resets_in`,
      [key, weight],
    );
    return { hits: rows[0].hits, resetsInSeconds: Math.max(1, Math.ceil(Number(rows[0].resets_in))) };
  }

  /** Past windows are deleted about once a minute per replica, off the request's path. */
  private cleanupNow(): void {
    const now = Date.now();
    if (now - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = now;
    this.dataSource
      .query(`DELETE FROM rate_limit_counter WHERE window_start < date_trunc('minute', clock_timestamp())`)
      .catch(() => undefined); // the next cleanup tries again; a failed cleanup costs only space
  }
}
