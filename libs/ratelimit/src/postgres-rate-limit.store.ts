import { DataSource } from 'typeorm';
import { RateLimitStore, WindowCount } from './rate-limit.store';

const SWEEP_EVERY_MS = 60_000;

const COUNT_HIT = `
  INSERT INTO rate_limit_counter AS c (bucket_key, window_start, hits)
  VALUES ($1, date_trunc('minute', clock_timestamp()), $2)
  ON CONFLICT (bucket_key, window_start) DO UPDATE SET hits = c.hits + EXCLUDED.hits
  RETURNING c.hits, extract(epoch FROM c.window_start + interval '1 minute' - clock_timestamp()) AS resets_in`;

/**
 * The same upsert, with the rows of past windows deleted in the same statement: one round trip, and
 * the sweep is done when the hit is (nothing runs detached). The DELETE touches only windows before
 * the current one, the INSERT only the current one; SKIP LOCKED leaves a row that another replica is
 * sweeping or still counting to a later sweep, so two replicas' sweeps never wait on each other.
 */
const SWEEP_AND_COUNT_HIT = `
  WITH swept AS (
    DELETE FROM rate_limit_counter WHERE (bucket_key, window_start) IN (
      SELECT bucket_key, window_start FROM rate_limit_counter
      WHERE window_start < date_trunc('minute', clock_timestamp())
      FOR UPDATE SKIP LOCKED))
  ${COUNT_HIT}`;

/**
 * Counters in PostgreSQL, shared by every replica on the same database. One statement per hit: an
 * upsert that adds to the current window's row and returns the total, so concurrent hits from
 * several replicas never lose a count. The window comes from the database clock, so replicas
 * with slightly different clocks still agree on it. The table is UNLOGGED (no WAL, emptied after a
 * crash): counters are worth less than the write load of logging them.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private lastSweep = 0;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Past windows are deleted by the first hit of a replica and then by one hit a minute, so the
   * table holds little more than the current minute's callers. Should that statement fail, the
   * limiter lets the request through uncounted; a missed sweep costs only space until the next.
   */
  async hit(key: string, weight: number): Promise<WindowCount> {
    const now = Date.now();
    const sweep = now - this.lastSweep >= SWEEP_EVERY_MS;
    // Claimed before the statement, so that concurrent hits of this replica do not all sweep.
    if (sweep) this.lastSweep = now;
    const rows: { hits: number; resets_in: string }[] = await this.dataSource.query(sweep ? SWEEP_AND_COUNT_HIT : COUNT_HIT, [key, weight]);
    return { hits: rows[0].hits, resetsInSeconds: Math.max(1, Math.ceil(Number(rows[0].resets_in))) };
  }
}
