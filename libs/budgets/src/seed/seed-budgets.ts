import { copyStage, CopyValue, SeedRun } from '@mkt/database';
import { SYSTEM_PRINCIPAL } from '@mkt/auth';
import { type Principal } from '@mkt/auth';
import { SetBudgetInput } from '../dtos/budget.types';

/** The financial years the synthetic data spans. */
export const SEED_FINANCIAL_YEARS = ['2022-23', '2023-24', '2024-25', '2025-26', '2026-27'];

/** A general pot per region and year, by `region|year`, with what the orders drawing on it commit and reserve. */
export interface SeedBudgets {
  ids: Map<string, string>;
  committed: Map<string, bigint>;
  reserved: Map<string, bigint>;
}

export const seedBudgetKey = (regionCode: string, financialYear: string): string => `${regionCode}|${financialYear}`;

/** Draws the budgets' ids (year by year, region by region) before the orders that refer to them. */
export function planBudgets(run: SeedRun, regions: string[]): SeedBudgets {
  const ids = new Map<string, string>();
  for (const fy of SEED_FINANCIAL_YEARS) for (const r of regions) ids.set(seedBudgetKey(r, fy), run.rnd.uuid());
  return { ids, committed: new Map(), reserved: new Map() };
}

/** Adds an order's total to what its budget commits (accepted) or reserves (awaiting an answer). */
export function drawOnSeedBudget(budgets: SeedBudgets, key: string, status: string, total: bigint): void {
  if (status === 'ACCEPTED') budgets.committed.set(key, (budgets.committed.get(key) ?? 0n) + total);
  if (status === 'SUBMITTED') budgets.reserved.set(key, (budgets.reserved.get(key) ?? 0n) + total);
}

/** Writes every budget, allocated with a quarter's headroom over what the orders use, rounded up to whole thousands. */
export async function seedBudgets(run: SeedRun, { ids, committed, reserved }: SeedBudgets): Promise<void> {
  const rows: CopyValue[][] = [];
  for (const [key, id] of ids) {
    const [region, fy] = key.split('|');
    const used = (committed.get(key) ?? 0n) + (reserved.get(key) ?? 0n);
    const allocated = ((used * 125n) / 100n / 100_000n + 1n) * 100_000n;
    rows.push([id, region, fy, null, allocated, reserved.get(key) ?? 0n, committed.get(key) ?? 0n]);
  }
  const columns = ['id', 'region_code', 'financial_year', 'category', 'allocated_pence', 'reserved_pence', 'committed_pence'];
  run.counts.budgets = await copyStage(run.client, 'budgets', 'budget', columns, rows);
}

/** The regions of the demo organisations' offers. */
const DEMO_BUDGET_REGIONS = ['north-west', 'greater-manchester', 'london', 'wales', 'south-west', 'north-east', 'yorkshire-and-the-humber'];

/** Who sets a budget: ordering's BudgetAllocationService (it expires overdue orders first); budgets cannot import it. */
export interface BudgetSetter {
  setBudget(actor: Principal, input: SetBudgetInput): Promise<unknown>;
}

/** A general pot of £250,000 for every demo region in the year, so orders can be placed at once; returns how many. */
export async function demoBudgets(budgets: BudgetSetter, financialYear: string): Promise<number> {
  for (const regionCode of DEMO_BUDGET_REGIONS) {
    await budgets.setBudget(SYSTEM_PRINCIPAL, { regionCode, financialYear, amount: '250000.00' });
  }
  return DEMO_BUDGET_REGIONS.length;
}
