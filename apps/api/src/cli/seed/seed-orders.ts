import { createHash } from 'node:crypto';
import { financialYearOf } from '@mkt/common';
import { CopyValue } from './copy';
import { FINANCIAL_YEARS, Offer, Order, SeedContext, addMonths, fyStart, pdusByRegion, splitWeights, stage } from './seed-model';

export interface OrderPlan {
  orders: Order[];
  budgetIds: Map<string, string>;
  committed: Map<string, bigint>;
  reserved: Map<string, bigint>;
}

/** Orders in memory first: budgets must exist before orders refer to them. */
export function planOrders(ctx: SeedContext, offers: Offer[]): OrderPlan {
  const { rnd, options, regions } = ctx;
  // ---- orders (in memory first: budgets must exist before orders refer to them) ----
  const orderable = offers.filter((o) => o.status !== 'DRAFT');
  const budgetIds = new Map<string, string>();
  const committed = new Map<string, bigint>();
  const reserved = new Map<string, bigint>();
  for (const fy of FINANCIAL_YEARS) for (const r of regions) budgetIds.set(`${r}|${fy}`, rnd.uuid());
  const todayMs = Date.parse(`${options.today}T00:00:00Z`);
  const orders: Order[] = [];
  for (let i = 0; i < options.scale.orders; i++) {
    const offer = rnd.pick(orderable);
    const region = rnd.pick(offer.regionCodes);
    const pdu = rnd.pick(pdusByRegion.get(region)!);
    const fy = rnd.pick(FINANCIAL_YEARS);
    const startMs = Math.min(fyStart(fy) + rnd.int(0, 364) * 86_400_000, todayMs - 86_400_000);
    const start = new Date(startMs).toISOString().slice(0, 10);
    const end = addMonths(
      start,
      rnd.weighted([
        [3, 30],
        [6, 35],
        [12, 35],
      ] as const),
    );
    const quantity = rnd.int(1, 30);
    const total = offer.pricingUnit === 'FIXED_BLOCK' ? offer.unitPrice : offer.unitPrice * BigInt(quantity);
    const recent = todayMs - startMs < 20 * 86_400_000;
    const status = recent
      ? rnd.weighted([
          ['SUBMITTED', 70],
          ['ACCEPTED', 30],
        ] as const)
      : rnd.weighted([
          ['ACCEPTED', 91],
          ['DECLINED', 4],
          ['WITHDRAWN', 3],
          ['EXPIRED', 2],
        ] as const);
    const weights = splitWeights(offer.commitments.length);
    const targets = offer.commitments.map((c, k) => ({ ...c, baseline: 0, target: c.expectedRate, weight: weights[k] }));
    const actualFy = financialYearOf(start);
    const budgetId = budgetIds.get(`${region}|${actualFy}`)!;
    const id = rnd.uuid();
    const share = rnd.pick([0, 10, 20, 20, 30]);
    const period = rnd.chance(0.2) ? 'MONTHLY' : 'QUARTERLY';
    const key = `${region}|${actualFy}`;
    if (status === 'ACCEPTED') committed.set(key, (committed.get(key) ?? 0n) + total);
    if (status === 'SUBMITTED') reserved.set(key, (reserved.get(key) ?? 0n) + total);
    const placedAt = `${start}T09:00:00Z`;
    const answered = status !== 'SUBMITTED';
    orders.push({
      id,
      offer,
      status,
      start,
      end,
      total,
      region,
      pdu,
      fy: actualFy,
      budgetId,
      share,
      period,
      targets,
      row: [
        id,
        status,
        offer.id,
        offer.version,
        offer.providerId,
        region,
        pdu,
        offer.category,
        budgetId,
        actualFy,
        quantity,
        offer.unitPrice,
        total,
        start,
        end,
        { json: targets },
        share,
        period,
        'LIGHT_TOUCH_DIRECT_AWARD',
        rnd.chance(0.02),
        null,
        `commissioner-${region}-${rnd.int(1, 6)}`,
        rnd.uuid(),
        createHash('sha1').update(id).digest('hex'),
        placedAt,
        new Date(Date.parse(placedAt) + 10 * 86_400_000).toISOString(),
        answered ? `provider-${offer.providerId.slice(0, 8)}` : null,
        answered ? placedAt : null,
        status === 'DECLINED' ? 'No capacity in that month' : status === 'WITHDRAWN' ? 'Need met elsewhere' : null,
        placedAt,
      ],
    });
  }

  return { orders, budgetIds, committed, reserved };
}

/** Budgets for every region and year (with headroom over what the orders use), then the orders that draw on them. */
export async function seedBudgetsAndOrders(ctx: SeedContext, { orders, budgetIds, committed, reserved }: OrderPlan): Promise<void> {
  const { client, counts } = ctx;
  // ---- budgets: every region and year, allocated with headroom over what the orders use ----
  const budgetRows: CopyValue[][] = [];
  for (const [key, id] of budgetIds) {
    const [region, fy] = key.split('|');
    const used = (committed.get(key) ?? 0n) + (reserved.get(key) ?? 0n);
    const allocated = ((used * 125n) / 100n / 100_000n + 1n) * 100_000n; // round up to whole thousands
    budgetRows.push([id, region, fy, null, allocated, reserved.get(key) ?? 0n, committed.get(key) ?? 0n]);
  }
  counts.budgets = await stage(
    client,
    'budgets',
    'budget',
    ['id', 'region_code', 'financial_year', 'category', 'allocated_pence', 'reserved_pence', 'committed_pence'],
    budgetRows,
  );
  counts.orders = await stage(
    client,
    'orders',
    'service_order',
    [
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
    ],
    orders.map((o) => o.row),
  );
}
