// W1 placeOrder: a real transaction with a budget reservation.
import { createHash, randomUUID } from 'node:crypto';
import { OfferRow, OrderRow, PlaceOrderInput } from '../lib/floor-rows';
import { addDaysIso, amount, FloorDb, financialYearOf } from '../lib/sql-client';
import { orderAuditView } from './order-audit-view';
import { BenchData, BenchRequest, FloorContext, FloorPrincipal, FloorVariables, OrderTarget, pick } from './types';

export const PLACE_ORDER = `mutation W1PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id status total { amount } }
}`;

export function placeOrderRequests(targets: OrderTarget[], data: BenchData): () => BenchRequest {
  let i = Math.floor(Math.random() * 1_000_000);
  const endDate = addDaysIso(data.today, 90);
  return () => {
    const target = pick(targets, i++);
    return {
      token: data.tokens.commissionerOf[target.regionCode],
      variables: {
        input: {
          offerId: target.offerId,
          pduCode: target.pduCode,
          quantity: 1,
          startDate: data.today,
          endDate,
          idempotencyKey: randomUUID(),
        },
      },
    };
  };
}

type Query = FloorDb['query'];
type NormalisedOrder = ReturnType<typeof normalise>;

/** Mirrors OrdersService.place (no outcome targets given: the offer's commitments at equal weights). */
export async function placeOrderFloor(ctx: FloorContext, variables: FloorVariables) {
  const input = variables.input as PlaceOrderInput;
  const actor = ctx.principal;
  const regionCode = ctx.pduRegions.get(input.pduCode);
  if (!regionCode || !actor.roles.includes('COMMISSIONER') || !actor.regions.includes(regionCode)) throw new Error('forbidden');
  const normalised = normalise(input);
  const requestHash = createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
  const key = String(input.idempotencyKey).toLowerCase();
  const requestId = randomUUID();

  const order = await ctx.db.transaction(async (q) => {
    const [existing] = await q<OrderRow>(`SELECT o.* FROM service_order o WHERE placed_by = $1 AND idempotency_key = $2`, [actor.sub, key]);
    if (existing) {
      if (existing.request_hash !== requestHash) throw new Error('idempotency key reused');
      return existing;
    }
    const [offer] = await q<OfferRow>('SELECT * FROM service_offer WHERE id = $1', [normalised.offerId]);
    if (!offer || offer.status !== 'PUBLISHED' || !offer.pdu_codes.includes(normalised.pduCode)) throw new Error('offer not available');
    const unitPrice = BigInt(offer.unit_price_pence);
    const total = offer.pricing_unit === 'FIXED_BLOCK' ? unitPrice : unitPrice * BigInt(normalised.quantity);
    const financialYear = financialYearOf(normalised.startDate);
    const [budget] = await q<{ id: string }>(
      `SELECT * FROM budget WHERE region_code = $1 AND financial_year = $2 AND (category = $3 OR category IS NULL)
       ORDER BY category NULLS LAST LIMIT 1`,
      [regionCode, financialYear, offer.category],
    );
    if (!budget) throw new Error('no budget');
    const placed = { actor, regionCode, normalised, offer, budgetId: budget.id, financialYear, unitPrice, total, key, requestHash };
    const row = await insertOrder(q, ctx, placed);
    await auditAndReserve(q, actor, row, budget.id, total, requestId);
    return row;
  });
  return { placeOrder: { id: order.id, status: order.status, total: { amount: amount(order.total_pence) } } };
}

function normalise(input: PlaceOrderInput) {
  return {
    offerId: String(input.offerId).toLowerCase(),
    pduCode: input.pduCode,
    quantity: input.quantity,
    startDate: input.startDate,
    endDate: input.endDate,
    outcomeTargets: input.outcomeTargets ?? null,
    outcomeSharePercent: input.outcomeSharePercent ?? 20,
    reportingPeriod: input.reportingPeriod ?? 'QUARTERLY',
    awardRationale: input.awardRationale ?? 'LIGHT_TOUCH_DIRECT_AWARD',
    conflictOfInterestDeclared: input.conflictOfInterestDeclared ?? false,
    note: input.note ?? null,
  };
}

/** The offer's outcome commitments as targets at equal weights (the last takes the remainder). */
function equalWeightTargets(offer: OfferRow) {
  const commitments = offer.outcome_commitments;
  const share = Math.floor(100 / commitments.length);
  return commitments.map((c, i) => ({
    measureCode: c.measureCode,
    measureName: c.measureName,
    unit: c.unit,
    direction: c.direction,
    baseline: 0,
    target: c.expectedRate,
    weight: i === commitments.length - 1 ? 100 - share * (commitments.length - 1) : share,
  }));
}

interface PlacedOrder {
  actor: FloorPrincipal;
  regionCode: string;
  normalised: NormalisedOrder;
  offer: OfferRow;
  budgetId: string;
  financialYear: string;
  unitPrice: bigint;
  total: bigint;
  key: string;
  requestHash: string;
}

async function insertOrder(q: Query, ctx: FloorContext, o: PlacedOrder): Promise<OrderRow> {
  const { normalised, offer } = o;
  const targets = equalWeightTargets(offer);
  const needsApproval = o.total > ctx.approvalThresholdPence;
  const now = new Date();
  const [row] = await q<OrderRow>(
    `INSERT INTO service_order (status, offer_id, offer_version, provider_id, region_code, pdu_code, category, budget_id,
             financial_year, quantity, unit_price_pence, total_pence, start_date, end_date, outcome_targets,
             outcome_share_percent, reporting_period, award_rationale, conflict_of_interest_declared, note, placed_by,
             idempotency_key, request_hash, sent_at, response_due_at, placed_at, approval_level)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
             $24, $25, $26, $27)
           ON CONFLICT (placed_by, idempotency_key) DO NOTHING
           RETURNING *`,
    [
      needsApproval ? 'PENDING_APPROVAL' : 'SUBMITTED',
      offer.id,
      offer.version,
      offer.provider_id,
      o.regionCode,
      normalised.pduCode,
      offer.category,
      o.budgetId,
      o.financialYear,
      normalised.quantity,
      o.unitPrice.toString(),
      o.total.toString(),
      normalised.startDate,
      normalised.endDate,
      JSON.stringify(targets),
      normalised.outcomeSharePercent,
      normalised.reportingPeriod,
      normalised.awardRationale,
      normalised.conflictOfInterestDeclared,
      normalised.note,
      o.actor.sub,
      o.key,
      o.requestHash,
      needsApproval ? null : now,
      needsApproval ? null : new Date(now.getTime() + ctx.responseDays * 86_400_000),
      now,
      // A floor: the order's own total against one limit, no running total nor working days (the app does more).
      needsApproval ? 'PEER_COMMISSIONER' : 'NONE',
    ],
  );
  if (!row) throw new Error('concurrent duplicate');
  return row;
}

async function auditAndReserve(q: Query, actor: FloorPrincipal, row: OrderRow, budgetId: string, total: bigint, requestId: string): Promise<void> {
  await q(
    `INSERT INTO audit_event (actor_sub, actor_roles, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
    [actor.sub, actor.roles, 'order.placed', 'Order', row.id, null, JSON.stringify(orderAuditView(row)), requestId],
  );
  const reserved = await q(
    `UPDATE budget SET reserved_pence = reserved_pence + $2::bigint, updated_at = now()
       WHERE id = $1 AND allocated_pence - reserved_pence - committed_pence >= $2::bigint RETURNING id`,
    [budgetId, total.toString()],
  );
  if (!reserved.length) throw new Error('budget exceeded');
}
