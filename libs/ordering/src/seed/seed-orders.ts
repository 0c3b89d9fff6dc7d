import { createHash } from 'node:crypto';
import pg from 'pg';
import { financialYearOf, financialYearStart } from '@mkt/common';
import { copyStage, CopyValue, SeedRun } from '@mkt/database';
import { drawOnSeedBudget, SEED_FINANCIAL_YEARS, seedBudgetKey, SeedBudgets } from '@mkt/budgets';
import { SeedOffer } from '@mkt/catalogue';
import { SeedAwardedOrder } from '@mkt/contracts';
import { SEED_PDUS_BY_REGION } from '@mkt/reference';
import { equalWeights, orderTotal } from '../rules/order-terms';

/** A synthetic order: its terms (which its contract is made from, when accepted) and its row. */
export interface SeedOrder extends SeedAwardedOrder {
  offer: SeedOffer;
  status: string;
  row: CopyValue[];
}

const DAY_MS = 86_400_000;

/** The columns the seed writes, in the order of `orderRow` (the rest take their defaults). */
const SEEDED_ORDER_COLUMNS = [
  'id',
  'status',
  'offer_id',
  'offer_version',
  'provider_id',
  'region_code',
  'pdu_code',
  'category',
  'budget_id',
  'financial_year',
  'quantity',
  'unit_price_pence',
  'total_pence',
  'start_date',
  'end_date',
  'outcome_targets',
  'outcome_share_percent',
  'reporting_period',
  'award_rationale',
  'conflict_of_interest_declared',
  'note',
  'placed_by',
  'idempotency_key',
  'request_hash',
  'sent_at',
  'response_due_at',
  'answered_by',
  'answered_at',
  'reason',
  'placed_at',
];

/** The last day of a term of `months` months from `date` (overflowing as Date does: 31 Jan + 1 month ends 2 Mar). */
function termEnd(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Orders placed in the last 20 days may still await an answer; older ones were mostly accepted. */
function drawStatus(run: SeedRun, recent: boolean): string {
  if (recent) {
    return run.rnd.weighted([
      ['SUBMITTED', 70],
      ['ACCEPTED', 30],
    ] as const);
  }
  return run.rnd.weighted([
    ['ACCEPTED', 91],
    ['DECLINED', 4],
    ['WITHDRAWN', 3],
    ['EXPIRED', 2],
  ] as const);
}

function orderRow(run: SeedRun, o: SeedOrder, quantity: number): CopyValue[] {
  const { rnd } = run;
  const placedAt = `${o.start}T09:00:00Z`;
  const answered = o.status !== 'SUBMITTED';
  const reason = o.status === 'DECLINED' ? 'No capacity in that month' : o.status === 'WITHDRAWN' ? 'Need met elsewhere' : null;
  const { offer } = o;
  return [
    o.id,
    o.status,
    offer.id,
    offer.version,
    offer.providerId,
    o.region,
    o.pdu,
    offer.category,
    o.budgetId,
    o.fy,
    quantity,
    offer.unitPrice,
    o.total,
    o.start,
    o.end,
    { json: o.targets },
    o.share,
    o.period,
    'LIGHT_TOUCH_DIRECT_AWARD',
    rnd.chance(0.02),
    null,
    `commissioner-${o.region}-${rnd.int(1, 6)}`,
    rnd.uuid(),
    createHash('sha1').update(o.id).digest('hex'),
    placedAt,
    new Date(Date.parse(placedAt) + 10 * DAY_MS).toISOString(),
    answered ? `provider-${offer.providerId.slice(0, 8)}` : null,
    answered ? placedAt : null,
    reason,
    placedAt,
  ];
}

/** One order of an orderable offer, dated in one of the seed's years but before the run's date. */
function drawOrder(run: SeedRun, orderable: SeedOffer[], budgets: SeedBudgets): SeedOrder {
  const { rnd } = run;
  const todayMs = Date.parse(`${run.today}T00:00:00Z`);
  const offer = rnd.pick(orderable);
  const region = rnd.pick(offer.regionCodes);
  const pdu = rnd.pick(SEED_PDUS_BY_REGION.get(region)!);
  const yearDrawn = rnd.pick(SEED_FINANCIAL_YEARS);
  const startMs = Math.min(Date.parse(`${financialYearStart(yearDrawn)}T00:00:00Z`) + rnd.int(0, 364) * DAY_MS, todayMs - DAY_MS);
  const start = new Date(startMs).toISOString().slice(0, 10);
  const months = rnd.weighted([
    [3, 30],
    [6, 35],
    [12, 35],
  ] as const);
  const quantity = rnd.int(1, 30);
  const total = orderTotal(offer.pricingUnit, offer.unitPrice, quantity);
  const status = drawStatus(run, todayMs - startMs < 20 * DAY_MS);
  const weights = equalWeights(offer.commitments.length);
  const targets = offer.commitments.map((c, k) => ({ ...c, baseline: 0, target: c.expectedRate, weight: weights[k] }));
  const fy = financialYearOf(start);
  const key = seedBudgetKey(region, fy);
  const id = rnd.uuid();
  const share = rnd.pick([0, 10, 20, 20, 30]);
  const period = rnd.chance(0.2) ? 'MONTHLY' : 'QUARTERLY';
  drawOnSeedBudget(budgets, key, status, total);
  const order: SeedOrder = {
    id,
    offer,
    status,
    start,
    end: termEnd(start, months),
    total,
    region,
    pdu,
    fy,
    budgetId: budgets.ids.get(key)!,
    share,
    period,
    targets,
    row: [],
  };
  order.row = orderRow(run, order, quantity);
  return order;
}

/** Plans `count` orders in memory (the budgets they draw on are written first); adds what they use to the budgets. */
export function planOrders(run: SeedRun, count: number, offers: SeedOffer[], budgets: SeedBudgets): SeedOrder[] {
  const orderable = offers.filter((o) => o.status !== 'DRAFT');
  return Array.from({ length: count }, () => drawOrder(run, orderable, budgets));
}

/** Writes the planned orders. */
export async function seedOrders(run: SeedRun, orders: SeedOrder[]): Promise<void> {
  run.counts.orders = await copyStage(
    run.client,
    'orders',
    'service_order',
    SEEDED_ORDER_COLUMNS,
    orders.map((o) => o.row),
  );
}

/** Whether the database already holds orders: the seed never mixes with real data. */
export async function holdsOrders(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM service_order');
  return rows[0].n > 0;
}
