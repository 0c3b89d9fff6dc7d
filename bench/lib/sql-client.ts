/**
 * The floor's database access: raw `pg`, nothing else. A transaction is opened with exactly the
 * statements TypeORM sends for `dataSource.transaction(...)` (the statement capture at the start of
 * each run checks that the floor and the app send the same sequence), so both pay the same round trips.
 */
import pg from 'pg';

export type Rows<T = Record<string, unknown>> = T[];

export interface FloorDb {
  /** A statement on any pooled connection, outside a transaction (what TypeORM's reader does). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Rows<T>>;
  /** A transaction on one connection; `begin` lists the statements that open it. */
  transaction<T>(work: (q: FloorDb['query']) => Promise<T>): Promise<T>;
}

export function floorDb(pool: pg.Pool, begin: string[]): FloorDb {
  // pg types rows as `any`: the caller names the columns it reads.
  const query: FloorDb['query'] = async <T>(text: string, params?: unknown[]) =>
    (await pool.query(text, params && params.length ? params : undefined)).rows as Rows<T>;
  return {
    query,
    async transaction(work) {
      const client = await pool.connect();
      const q: FloorDb['query'] = async <T>(text: string, params?: unknown[]) =>
        (await client.query(text, params && params.length ? params : undefined)).rows as Rows<T>;
      try {
        for (const statement of begin) await client.query(statement);
        const result = await work(q);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** Integer pence (bigint column, string from pg) as the two-decimal amount the API returns. */
export function amount(pence: string | bigint): string {
  const value = BigInt(pence);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function money(pence: string | bigint) {
  return { amount: amount(pence), currency: 'GBP' };
}

/**
 * A copy of financialYearOf in libs/common/src/time/dates.ts (the one rule; tested there). Not loaded
 * from the built app: the bench compiles on its own, and graphql-limits.e2e-spec imports the
 * workloads under Jest, where there is no dist/ to load from.
 */
export function financialYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
