import pg from 'pg';
import { runMigrations } from '@mkt/database';
import { MIGRATIONS } from '../src/migrations';
import { createTestDatabase, dropTestDatabase } from './harness/test-app';

/**
 * Several replicas starting at once all run the migrations: the advisory lock makes them take
 * turns, so the schema is applied exactly once and every replica starts.
 */
describe('migrations under several replicas starting at once', () => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });
  afterAll(async () => {
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('applies every migration once when three replicas migrate a fresh database concurrently', async () => {
    const results = await Promise.all([1, 2, 3].map(() => runMigrations(databaseUrl, MIGRATIONS)));

    // One replica applied them all, in order; the others found nothing left to do.
    const names = MIGRATIONS.map((m) => m.name);
    const applied = results.filter((r) => r.length > 0);
    expect(applied).toHaveLength(1);
    expect(applied[0]).toEqual(names);
    expect(results.flat()).toHaveLength(names.length);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const recorded = await client.query('SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name ORDER BY name');
      expect(recorded.rows.map((r) => r.name).sort()).toEqual([...names].sort());
      expect(recorded.rows.every((r) => r.n === 1)).toBe(true);
      // The schema is there (and usable): reference data was loaded once.
      const regions = await client.query('SELECT count(*)::int AS n, count(DISTINCT code)::int AS distinct_codes FROM region');
      expect(regions.rows[0].n).toBeGreaterThan(0);
      expect(regions.rows[0].n).toBe(regions.rows[0].distinct_codes);
      // pg_locks spans the server, where other test files' databases hold their own advisory locks: count this database's.
      const locks = await client.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(locks.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
    // A replica starting later still finds nothing to do.
    expect(await runMigrations(databaseUrl, MIGRATIONS)).toEqual([]);
  });
});
