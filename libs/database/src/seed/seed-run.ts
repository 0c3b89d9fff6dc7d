import pg from 'pg';
import { Random } from '@mkt/common';
import { copyRows, CopyValue } from './copy-rows';
import { Progress } from './progress';

/**
 * What every lib's seed writer shares in one run of the synthetic data: the connection (inside
 * the CLI's transaction), the one seeded random source (the libs draw from it in a fixed order, so
 * the same seed gives the same data), the run's date and the row counts it reports.
 */
export interface SeedRun {
  client: pg.ClientBase;
  rnd: Random;
  today: string;
  counts: Record<string, number>;
}

/** Writes one table's rows with COPY, showing progress under `label`; returns the number of rows. */
export async function copyStage(
  client: pg.ClientBase,
  label: string,
  table: string,
  columns: readonly string[],
  rows: CopyValue[][],
): Promise<number> {
  const progress = Progress.stage(label, rows.length);
  const n = await copyRows(client, table, columns, rows, (k) => progress.add(k));
  progress.finish();
  return n;
}
