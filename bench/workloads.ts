/**
 * The benchmark's workloads: for each, the GraphQL request the app gets and the floor's handler,
 * which sends the same SQL statements through raw `pg` (same transaction boundaries, same queries,
 * same parameters) and answers JSON of the same shape. The statement capture at the start of a run
 * compares the two sequences, so a floor that drifts from the app shows up in the results.
 *
 * Adding a workload is one entry in WORKLOADS: a document, a per-request variables generator and a
 * floor function.
 */
import { createHash, randomUUID } from 'node:crypto';
import { OfferRow, OrderRow, OrganisationRow, PlaceOrderInput, SpendRow } from './lib/floor-rows';
import { addDaysIso, amount, FloorDb, financialYearOf, money } from './lib/sql-client';

/** The caller as the floor sees it after verifying the same bearer token the app gets. */
export interface FloorPrincipal {
  sub: string;
  roles: string[];
  regions: string[];
  org?: string;
}

export interface FloorContext {
  db: FloorDb;
  principal: FloorPrincipal;
  /** PDU code -> region code, read once at start (the app keeps the same in memory). */
  pduRegions: Map<string, string>;
  approvalThresholdPence: bigint;
  responseDays: number;
}

/** What the orchestrator knows about the seeded database when it builds requests. */
export interface BenchData {
  today: string;
  financialYear: string;
  /** Published offers with a PDU each covers, across all regions. */
  spreadTargets: OrderTarget[];
  /** Published offers covering PDUs of the hot region only. */
  hotTargets: OrderTarget[];
  hotRegion: string;
  organisationIds: string[];
  tokens: {
    /** A commissioner per region (W1 picks the one matching the PDU). */
    commissionerOf: Record<string, string>;
    /** A commissioner of one region, for the reads. */
    commissioner: string;
    directorate: string;
  };
  /** Financial years present in the data (for W3). */
  financialYears: string[];
}

export interface OrderTarget {
  offerId: string;
  pduCode: string;
  regionCode: string;
}

export interface BenchRequest {
  token: string;
  variables: Record<string, unknown>;
}

export interface Workload {
  id: string;
  title: string;
  /** Operation name in the document; the floor dispatches on it. */
  operationName: string;
  document: string;
  /** Root field that must exist in the schema (checked by introspection); skipped otherwise. */
  requires: { type: 'Query' | 'Mutation'; field: string };
  /** True when requests write (the capture then also checks the rows it adds). */
  writes: boolean;
  /** A generator of request bodies: called once per request by autocannon. */
  requests(data: BenchData): () => BenchRequest;
  /** The floor: the same SQL through raw pg; returns the `data` of the GraphQL response. */
  floor: (ctx: FloorContext, variables: FloorVariables) => Promise<unknown>;
}

/** Request variables as the floor gets them: parsed JSON, narrowed by each handler. */
export type FloorVariables = Record<string, unknown>;

const pick = <T>(items: T[], i: number): T => items[i % items.length];

// ---------------------------------------------------------------------------------------------
// W1 placeOrder: a real transaction with a budget reservation.

const PLACE_ORDER = `mutation W1PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id status total { amount } }
}`;

function placeOrderRequests(targets: OrderTarget[], data: BenchData): () => BenchRequest {
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

/** Mirrors OrdersService.place (no outcome targets given: the offer's commitments at equal weights). */
async function placeOrderFloor(ctx: FloorContext, variables: FloorVariables) {
  const input = variables.input as PlaceOrderInput;
  const actor = ctx.principal;
  const regionCode = ctx.pduRegions.get(input.pduCode);
  if (!regionCode || !actor.roles.includes('COMMISSIONER') || !actor.regions.includes(regionCode)) throw new Error('forbidden');
  const normalised = {
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
    const commitments = offer.outcome_commitments;
    const share = Math.floor(100 / commitments.length);
    const targets = commitments.map((c, i) => ({
      measureCode: c.measureCode,
      measureName: c.measureName,
      unit: c.unit,
      direction: c.direction,
      baseline: 0,
      target: c.expectedRate,
      weight: i === commitments.length - 1 ? 100 - share * (commitments.length - 1) : share,
    }));
    const unitPrice = BigInt(offer.unit_price_pence);
    const total = offer.pricing_unit === 'FIXED_BLOCK' ? unitPrice : unitPrice * BigInt(normalised.quantity);
    const financialYear = financialYearOf(normalised.startDate);
    const [budget] = await q<{ id: string }>(
      `SELECT * FROM budget WHERE region_code = $1 AND financial_year = $2 AND (category = $3 OR category IS NULL)
       ORDER BY category NULLS LAST LIMIT 1`,
      [regionCode, financialYear, offer.category],
    );
    if (!budget) throw new Error('no budget');
    const needsApproval = total > ctx.approvalThresholdPence;
    const now = new Date();
    const [row] = await q<OrderRow>(
      `INSERT INTO service_order (status, offer_id, offer_version, provider_id, region_code, pdu_code, category, budget_id,
             financial_year, quantity, unit_price_pence, total_pence, start_date, end_date, outcome_targets,
             outcome_share_percent, reporting_period, award_rationale, conflict_of_interest_declared, note, placed_by,
             idempotency_key, request_hash, sent_at, response_due_at, placed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
             $24, $25, $26)
           ON CONFLICT (placed_by, idempotency_key) DO NOTHING
           RETURNING *`,
      [
        needsApproval ? 'PENDING_APPROVAL' : 'SUBMITTED',
        offer.id,
        offer.version,
        offer.provider_id,
        regionCode,
        normalised.pduCode,
        offer.category,
        budget.id,
        financialYear,
        normalised.quantity,
        unitPrice.toString(),
        total.toString(),
        normalised.startDate,
        normalised.endDate,
        JSON.stringify(targets),
        normalised.outcomeSharePercent,
        normalised.reportingPeriod,
        normalised.awardRationale,
        normalised.conflictOfInterestDeclared,
        normalised.note,
        actor.sub,
        key,
        requestHash,
        needsApproval ? null : now,
        needsApproval ? null : new Date(now.getTime() + ctx.responseDays * 86_400_000),
        now,
      ],
    );
    if (!row) throw new Error('concurrent duplicate');
    await q(
      `INSERT INTO audit_event (actor_sub, actor_roles, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
      [actor.sub, actor.roles, 'order.placed', 'Order', row.id, null, JSON.stringify(orderAuditView(row)), requestId],
    );
    const reserved = await q(
      `UPDATE budget SET reserved_pence = reserved_pence + $2::bigint, updated_at = now()
       WHERE id = $1 AND allocated_pence - reserved_pence - committed_pence >= $2::bigint RETURNING id`,
      [budget.id, total.toString()],
    );
    if (!reserved.length) throw new Error('budget exceeded');
    return row;
  });
  return { placeOrder: { id: order.id, status: order.status, total: { amount: amount(order.total_pence) } } };
}

/** The order's audit snapshot, the same fields as the app's `auditView(mapOrder(row))`. */
function orderAuditView(row: OrderRow) {
  return {
    id: row.id,
    status: row.status,
    regionCode: row.region_code,
    pduCode: row.pdu_code,
    category: row.category,
    financialYear: row.financial_year,
    quantity: row.quantity,
    unitPrice: amount(row.unit_price_pence),
    total: amount(row.total_pence),
    startDate: row.start_date,
    endDate: row.end_date,
    outcomeTargets: row.outcome_targets,
    outcomeSharePercent: row.outcome_share_percent,
    reportingPeriod: row.reporting_period,
    awardRationale: row.award_rationale,
    conflictOfInterestDeclared: row.conflict_of_interest_declared,
    note: row.note,
    placedBy: row.placed_by,
    placedAt: row.placed_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    sentAt: row.sent_at,
    responseDueAt: row.response_due_at,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    reason: row.reason,
    offerVersion: row.offer_version,
    offerId: row.offer_id,
    providerId: row.provider_id,
    budgetId: row.budget_id,
  };
}

// ---------------------------------------------------------------------------------------------
// W2 serviceOffers(first: 50) with each provider and its three most recent contracts.

export const SERVICE_OFFERS = `query W2ServiceOffers($first: Int!) {
  serviceOffers(first: $first) { edges { node { id title unitPrice { amount }
    provider { id legalName incomeBand recentContracts(first: 3) { id value { amount } } } } } }
}`;

async function serviceOffersFloor(ctx: FloorContext, variables: FloorVariables) {
  const first = Number(variables.first);
  const principal = ctx.principal;
  if (!principal.roles.includes('COMMISSIONER')) throw new Error('the floor mirrors the commissioner view only');
  // 1. The page (commissioners see published offers), one more row to know whether more follow.
  const offers = await ctx.db.query<OfferRow>(
    `SELECT o.* FROM service_offer o WHERE (o.status = 'PUBLISHED') ORDER BY o.seq DESC LIMIT ${first + 1}`,
    [],
  );
  const page = offers.slice(0, first);
  // 2. The page's providers, each once, in first-seen order (as DataLoader batches them).
  const providerIds = [...new Set(page.map((o) => o.provider_id))];
  const providers = await ctx.db.query<OrganisationRow>('SELECT * FROM organisation WHERE id = ANY($1)', [providerIds]);
  // 3. Their three most recent contracts in the caller's regions.
  const contracts = await ctx.db.query<{ id: string; provider_id: string; value_pence: string }>(
    `SELECT * FROM (
               SELECT c.*, row_number() OVER (PARTITION BY c.provider_id ORDER BY c.seq DESC) AS rn
               FROM contract c WHERE c.provider_id = ANY($1::uuid[]) AND (c.region_code = ANY($2))
             ) ranked WHERE rn <= 3 ORDER BY provider_id, seq DESC`,
    [providerIds, principal.regions],
  );
  const providerById = new Map(providers.map((p) => [p.id, p]));
  const contractsByProvider = new Map<string, { id: string; value: { amount: string } }[]>();
  for (const c of contracts) {
    const list = contractsByProvider.get(c.provider_id) ?? [];
    list.push({ id: c.id, value: { amount: amount(c.value_pence) } });
    contractsByProvider.set(c.provider_id, list);
  }
  return {
    serviceOffers: {
      edges: page.map((o) => {
        const p = providerById.get(o.provider_id)!;
        return {
          node: {
            id: o.id,
            title: o.title,
            unitPrice: { amount: amount(o.unit_price_pence) },
            provider: { id: p.id, legalName: p.legal_name, incomeBand: p.income_band, recentContracts: contractsByProvider.get(p.id) ?? [] },
          },
        };
      }),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// W3 spend: national, grouped by region, provider and quarter, for the current financial year
// (3,600 groups on the large data set; all five years would be 22,000 rows and 8 MB of JSON, a
// download rather than a query). The floor runs the statement the app's spend service builds
// (buildSpendQuery in libs/spend/src/rules/spend-query.ts, captured for this filter, grouping and
// selection: the app computes only the figures a query selects) in the same transaction shape: SET LOCAL work_mem, the aggregate, COMMIT.

const SPEND = `query W3Spend($years: [String!]!) {
  spend(filter: { financialYears: $years }, groupBy: [REGION, PROVIDER, FINANCIAL_QUARTER]) {
    rows { regionCode providerId financialYear quarter committed { amount } paid { amount } }
    totals { committed { amount } paid { amount } contracts }
  }
}`;

/** The statement the app sends for W3, with $1 = the financial years. */
const SPEND_FLOOR_SQL = `SELECT g.*, p.legal_name AS provider_name
    FROM (SELECT s.region_code, s.provider_id, s.financial_year, s.quarter, coalesce(sum(s.committed_pence), 0)::text AS committed, coalesce(sum(s.fixed_paid_pence + s.outcome_paid_pence), 0)::text AS paid, coalesce(sum(s.contracts_started), 0)::int AS contracts, false AS is_total FROM spend_provider_quarter s WHERE s.financial_year = ANY($1::text[]) GROUP BY s.region_code, s.provider_id, s.financial_year, s.quarter UNION ALL SELECT NULL::text AS region_code, NULL::uuid AS provider_id, NULL::text AS financial_year, NULL::smallint AS quarter, coalesce(sum(s.committed_pence), 0)::text AS committed, coalesce(sum(s.fixed_paid_pence + s.outcome_paid_pence), 0)::text AS paid, coalesce(sum(s.contracts_started), 0)::int AS contracts, true AS is_total FROM spend_provider_quarter s WHERE s.financial_year = ANY($1::text[])) g LEFT JOIN spend_provider_v p ON p.provider_id = g.provider_id
    ORDER BY g.is_total, g.region_code COLLATE "C", p.legal_name COLLATE "C", g.provider_id, g.financial_year COLLATE "C", g.quarter`;

async function spendFloor(ctx: FloorContext, variables: FloorVariables) {
  const result = await ctx.db.transaction(async (q) => {
    await q(`SET LOCAL work_mem = '64MB'`);
    return q<SpendRow>(SPEND_FLOOR_SQL, [variables.years]);
  });
  const rows = result.filter((r) => !r.is_total);
  const totals: Partial<SpendRow> = result.find((r) => r.is_total) ?? {};
  return {
    spend: {
      rows: rows.map((r) => ({
        regionCode: r.region_code,
        providerId: r.provider_id,
        financialYear: r.financial_year,
        quarter: r.quarter,
        committed: { amount: amount(r.committed) },
        paid: { amount: amount(r.paid) },
      })),
      totals: {
        committed: { amount: amount(totals.committed ?? '0') },
        paid: { amount: amount(totals.paid ?? '0') },
        contracts: Number(totals.contracts ?? 0),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// W4 organisation(id): one primary-key read, so the framework's own cost dominates.

const ORGANISATION = `query W4Organisation($id: ID!) {
  organisation(id: $id) { id identifier legalName organisationType incomeBand regionCodes verified }
}`;

async function organisationFloor(ctx: FloorContext, variables: FloorVariables) {
  const principal = ctx.principal;
  const seesAll = ['ADMIN', 'DIRECTORATE', 'AUDITOR', 'COMMISSIONER'].some((r) => principal.roles.includes(r));
  const rows = seesAll
    ? await ctx.db.query<OrganisationRow>('SELECT o.* FROM organisation o WHERE o.id = $1', [variables.id])
    : await ctx.db.query<OrganisationRow>('SELECT o.* FROM organisation o WHERE o.id = $1 AND o.identifier = $2', [
        variables.id,
        principal.org ?? '',
      ]);
  const o = rows[0];
  if (!o) throw new Error('not found');
  return {
    organisation: {
      id: o.id,
      identifier: o.identifier,
      legalName: o.legal_name,
      organisationType: o.organisation_type,
      incomeBand: o.income_band,
      regionCodes: o.region_codes,
      verified: o.verified,
    },
  };
}

export const WORKLOADS: Workload[] = [
  {
    id: 'W1-spread',
    title: 'placeOrder, spread over every region budget',
    operationName: 'W1PlaceOrder',
    document: PLACE_ORDER,
    requires: { type: 'Mutation', field: 'placeOrder' },
    writes: true,
    requests: (data) => placeOrderRequests(data.spreadTargets, data),
    floor: placeOrderFloor,
  },
  {
    id: 'W1-hot',
    title: 'placeOrder, all on one hot budget',
    operationName: 'W1PlaceOrder',
    document: PLACE_ORDER,
    requires: { type: 'Mutation', field: 'placeOrder' },
    writes: true,
    requests: (data) => placeOrderRequests(data.hotTargets, data),
    floor: placeOrderFloor,
  },
  {
    id: 'W2',
    title: 'serviceOffers(first: 50) with provider and recentContracts(first: 3)',
    operationName: 'W2ServiceOffers',
    document: SERVICE_OFFERS,
    requires: { type: 'Query', field: 'serviceOffers' },
    writes: false,
    requests: (data) => () => ({ token: data.tokens.commissioner, variables: { first: 50 } }),
    floor: serviceOffersFloor,
  },
  {
    id: 'W3',
    title: 'spend, national, grouped by region, provider and quarter',
    operationName: 'W3Spend',
    document: SPEND,
    requires: { type: 'Query', field: 'spend' },
    writes: false,
    requests: (data) => () => ({ token: data.tokens.directorate, variables: { years: [data.financialYear] } }),
    floor: spendFloor,
  },
  {
    id: 'W4',
    title: 'organisation(id)',
    operationName: 'W4Organisation',
    document: ORGANISATION,
    requires: { type: 'Query', field: 'organisation' },
    writes: false,
    requests: (data) => {
      let i = Math.floor(Math.random() * 1_000_000);
      return () => ({ token: data.tokens.commissioner, variables: { id: pick(data.organisationIds, i++) } });
    },
    floor: organisationFloor,
  },
];

export const FLOOR_HANDLERS = new Map(WORKLOADS.map((w) => [w.operationName, w.floor]));

/** `--workloads W1,W4` or ids like `W1-hot`. */
export function selectWorkloads(spec: string | undefined): Workload[] {
  if (!spec) return WORKLOADS;
  const wanted = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return WORKLOADS.filter((w) => wanted.some((x) => w.id === x || w.id.startsWith(`${x}-`)));
}

export { money };
