import pg from 'pg';
import { planBudgets, seedBudgets } from '@mkt/budgets';
import { seedOffers } from '@mkt/catalogue';
import { Random } from '@mkt/common';
import { seedContracts } from '@mkt/contracts';
import { SeedRun } from '@mkt/database';
import { planOrders, seedOrders } from '@mkt/ordering';
import { seedOrganisations } from '@mkt/organisations';
import { SEED_REGION_CODES, seedMeasuresByCategory } from '@mkt/reference';

export interface Scale {
  providers: number;
  offers: number;
  orders: number;
}

export const SCALES: Record<string, Scale> = {
  small: { providers: 60, offers: 600, orders: 6_000 },
  medium: { providers: 300, offers: 3_000, orders: 30_000 },
  large: { providers: 1_000, offers: 10_000, orders: 120_000 },
};

export interface SeedOptions {
  scale: Scale;
  seed: number;
  today: string;
}

/**
 * Synthetic, deterministic national-scale data, written with COPY straight into the tables the app
 * uses, by each lib's own seed writer. Every organisation name ends "(synthetic)" and registration
 * numbers come from ranges no register has reached; no person appears at all.
 */
export async function seed(client: pg.ClientBase, options: SeedOptions): Promise<Record<string, number>> {
  const run: SeedRun = { client, rnd: new Random(options.seed), today: options.today, counts: {} };
  const measuresByCategory = await seedMeasuresByCategory(client);
  // The libs run in this order, drawing from the one random source, so that the data stays the same:
  // budget ids are drawn before the orders that refer to them, and written once the orders say how much they use.
  const providers = await seedOrganisations(run, options.scale.providers, SEED_REGION_CODES);
  const offers = await seedOffers(run, options.scale.offers, providers, measuresByCategory);
  const budgets = planBudgets(run, SEED_REGION_CODES);
  const orders = planOrders(run, options.scale.orders, offers, budgets);
  await seedBudgets(run, budgets);
  await seedOrders(run, orders);
  await seedContracts(
    run,
    orders.filter((o) => o.status === 'ACCEPTED'),
  );
  return run.counts;
}
