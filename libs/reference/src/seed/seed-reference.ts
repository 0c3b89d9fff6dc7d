import pg from 'pg';
import { PDUS_2026, REGIONS_2026 } from '../migrations/regions-and-pdus.data';
import { OutcomeDirection, ServiceCategory } from '../service-category';

/**
 * The reference data the other libs' seed writers draw on. The reference tables themselves are
 * written by this lib's migrations, so the seed only reads them.
 */
export interface SeedMeasure {
  code: string;
  name: string;
  unit: string;
  direction: OutcomeDirection;
  categories: string[];
}

/** Every region code, in the order of the 2026 list (the seed draws from them by position). */
export const SEED_REGION_CODES: string[] = REGIONS_2026.map(([code]) => code);

/** The PDU codes of each region, in the order of the 2026 list. */
export const SEED_PDUS_BY_REGION = new Map<string, string[]>(
  REGIONS_2026.map(([code]) => [code, PDUS_2026.filter((p) => p[1] === code).map((p) => p[0])]),
);

/** The outcome measures that suit each service category, by code. */
export async function seedMeasuresByCategory(client: pg.ClientBase): Promise<Map<ServiceCategory, SeedMeasure[]>> {
  const measures = (await client.query<SeedMeasure>('SELECT code, name, unit, direction, categories FROM outcome_measure ORDER BY code')).rows;
  return new Map(Object.values(ServiceCategory).map((c) => [c, measures.filter((m) => m.categories.includes(c))]));
}
