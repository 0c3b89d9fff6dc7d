import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * `pool.end()`, which `DataSource.destroy()` awaits, resolves once it has asked every connection to
 * close, not once they have closed. Stopping PostgreSQL right after ends the sessions still open
 * with "terminating connection due to administrator command", which the pool reports as errors.
 * Call this before closing the app (it counts the connections the pools hold and open from then
 * on); await what it returns after, and only then stop the server.
 */
export function whenConnectionsClosed(dataSource: DataSource): () => Promise<void> {
  const driver = dataSource.driver as unknown as { master?: Pool; slaves?: Pool[] };
  const pools = [driver.master, ...(driver.slaves ?? [])].filter((pool): pool is Pool => pool !== undefined);
  const waits = pools.map(countConnections);
  return async () => {
    await Promise.all(waits.map((wait) => wait()));
  };
}

function countConnections(pool: Pool): () => Promise<void> {
  let open = pool.totalCount;
  let onAllClosed: (() => void) | undefined;
  pool.on('connect', () => (open += 1));
  // 'remove' is emitted when the connection has closed (its socket ended), not when it is asked to.
  pool.on('remove', () => {
    open -= 1;
    if (open <= 0) onAllClosed?.();
  });
  return () => (open <= 0 ? Promise.resolve() : new Promise<void>((resolve) => (onAllClosed = resolve)));
}
