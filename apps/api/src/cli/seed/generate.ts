import pg from 'pg';
import { CATEGORIES, Measure, SeedOptions } from './seed-model';
import { seedOffers, seedOrganisations } from './seed-catalogue';
import { planOrders, seedBudgetsAndOrders } from './seed-orders';
import { seedContracts } from './seed-contracts';
import { Random } from './random';
import { REGIONS_2026 } from '@mkt/reference';

export { FINANCIAL_YEARS, SCALES, type Scale, type SeedOptions } from './seed-model';

/**
 * Synthetic, deterministic national-scale data, written with COPY straight into the tables the app
 * uses. Money follows the app's own rules (order totals, value splits, instalments, the outcome
 * payment rule), so reports reconcile exactly as they do for data entered through the API. Every
 * organisation name ends "(synthetic)" and registration numbers come from ranges no register has
 * reached; no person appears at all.
 */
export async function seed(client: pg.ClientBase, options: SeedOptions): Promise<Record<string, number>> {
  const rnd = new Random(options.seed);
  const counts: Record<string, number> = {};
  const measures = (await client.query<Measure>('SELECT code, name, unit, direction, categories FROM outcome_measure ORDER BY code')).rows;
  const measuresByCategory = new Map(CATEGORIES.map((c) => [c, measures.filter((m) => m.categories.includes(c))]));
  const regions = REGIONS_2026.map(([code]) => code);
  const ctx = { client, rnd, options, counts, measuresByCategory, regions };
  // The stages run in this order so that the seeded random draws, and so the data, stay the same.
  const providers = await seedOrganisations(ctx);
  const offers = await seedOffers(ctx, providers);
  const plan = planOrders(ctx, offers);
  await seedBudgetsAndOrders(ctx, plan);
  await seedContracts(ctx, plan.orders);
  return counts;
}
