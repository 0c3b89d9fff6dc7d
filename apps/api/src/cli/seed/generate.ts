import pg from 'pg';
import { createHash } from 'node:crypto';
import { divideRounded, financialYearOf, percentOf, splitEvenly } from '@mkt/common';
import { PDUS_2026, REGIONS_2026 } from '@mkt/reference';
import { achievement, outcomePaymentEarned, weightedScore, fractionToNumber, reportingPeriods } from '@mkt/contracts';
import { copyRows, CopyValue } from './copy';
import { Progress } from './progress';
import { Random } from './random';

/**
 * Synthetic, deterministic national-scale data, written with COPY straight into the tables the app
 * uses. Money follows the app's own rules (order totals, value splits, instalments, the outcome
 * payment rule), so reports reconcile exactly as they do for data entered through the API. Every
 * organisation name ends "(synthetic)" and registration numbers come from ranges no register has
 * reached; no person appears at all.
 */
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

export const FINANCIAL_YEARS = ['2022-23', '2023-24', '2024-25', '2025-26', '2026-27'];

const INCOME_BANDS = [
  ['UNDER_100K', 35],
  ['FROM_100K_TO_1M', 35],
  ['FROM_1M_TO_10M', 20],
  ['OVER_10M', 10],
] as const;
const ORG_TYPES = [
  ['REGISTERED_CHARITY', 40],
  ['CHARITABLE_INCORPORATED_ORGANISATION', 20],
  ['COMMUNITY_INTEREST_COMPANY', 15],
  ['SOCIAL_ENTERPRISE', 10],
  ['MUTUAL', 5],
  ['PRIVATE_COMPANY', 7],
  ['PUBLIC_BODY', 3],
] as const;
const CATEGORIES = [
  'ACCOMMODATION',
  'EDUCATION_TRAINING_AND_EMPLOYMENT',
  'FINANCE_BENEFIT_AND_DEBT',
  'DEPENDENCY_AND_RECOVERY',
  'WOMENS_SERVICES',
  'PERSONAL_WELLBEING',
  'FAMILY_AND_SIGNIFICANT_OTHERS',
  'EMOTIONAL_WELLBEING',
];
const PRICING = [
  ['PER_REFERRAL', 50],
  ['PER_SESSION', 25],
  ['PER_PLACE_PER_WEEK', 20],
  ['FIXED_BLOCK', 5],
] as const;
const WORDS_A = [
  'North',
  'South',
  'East',
  'West',
  'Bridge',
  'Harbour',
  'Meadow',
  'River',
  'Hill',
  'Oak',
  'Ash',
  'Stone',
  'Brook',
  'Field',
  'Vale',
  'Moor',
  'Haven',
  'Lark',
  'Beacon',
  'Willow',
];
const WORDS_B = ['way', 'gate', 'side', 'field', 'bank', 'wood', 'ford', 'stead', 'holm', 'lea'];
const WORDS_C = ['Trust', 'Foundation', 'Project', 'Partnership', 'Community Services', 'Network', 'Centre', 'Collective', 'Mutual', 'Alliance'];

export interface SeedOptions {
  scale: Scale;
  seed: number;
  today: string;
}

interface Offer {
  id: string;
  providerId: string;
  version: number;
  category: string;
  regionCodes: string[];
  pduCodes: string[];
  pricingUnit: string;
  unitPrice: bigint;
  capacity: number;
  commitments: { measureCode: string; measureName: string; unit: string; direction: string; expectedRate: number }[];
  status: string;
}

interface Measure {
  code: string;
  name: string;
  unit: string;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  categories: string[];
}

const pdusByRegion = new Map<string, string[]>(REGIONS_2026.map(([code]) => [code, PDUS_2026.filter((p) => p[1] === code).map((p) => p[0])]));

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function fyStart(fy: string): number {
  return Date.parse(`${fy.slice(0, 4)}-04-01T00:00:00Z`);
}

export async function seed(client: pg.ClientBase, options: SeedOptions): Promise<Record<string, number>> {
  const rnd = new Random(options.seed);
  const counts: Record<string, number> = {};
  const measures = (await client.query<Measure>('SELECT code, name, unit, direction, categories FROM outcome_measure ORDER BY code')).rows;
  const measuresByCategory = new Map(CATEGORIES.map((c) => [c, measures.filter((m) => m.categories.includes(c))]));
  const regions = REGIONS_2026.map(([code]) => code);

  // ---- organisations ----
  const providers: { id: string; regions: string[]; identifier: string }[] = [];
  const orgRows: CopyValue[][] = [];
  for (let i = 0; i < options.scale.providers; i++) {
    const id = rnd.uuid();
    const type = rnd.weighted(ORG_TYPES);
    const isCompany = type === 'COMMUNITY_INTEREST_COMPANY' || type === 'PRIVATE_COMPANY' || type === 'SOCIAL_ENTERPRISE';
    // Charity numbers from 9,500,000 and company numbers from 97,000,000: beyond any number issued.
    const identifier = isCompany ? `GB-COH-${97_000_000 + i}` : `GB-CHC-${9_500_000 + i}`;
    const ownRegions = rnd.sample(
      regions,
      rnd.weighted([
        [1, 60],
        [2, 30],
        [3, 10],
      ] as const),
    );
    providers.push({ id, regions: ownRegions, identifier });
    const name = `${rnd.pick(WORDS_A)}${rnd.pick(WORDS_B)} ${rnd.pick(WORDS_C)} ${i + 1} (synthetic)`;
    orgRows.push([
      id,
      identifier,
      isCompany ? 'GB-COH' : 'GB-CHC',
      name,
      isCompany ? null : String(9_500_000 + i),
      isCompany ? String(97_000_000 + i) : null,
      type,
      rnd.weighted(INCOME_BANDS),
      ownRegions,
      `bids@provider-${i + 1}.example.org`,
      true,
      '2022-01-01T00:00:00Z',
      'seed',
    ]);
  }
  counts.organisations = await stage(
    client,
    'organisations',
    'organisation',
    [
      'id',
      'identifier',
      'scheme',
      'legal_name',
      'charity_number',
      'company_number',
      'organisation_type',
      'income_band',
      'region_codes',
      'contact_email',
      'verified',
      'verified_at',
      'verified_by',
    ],
    orgRows,
  );

  // ---- offers and their versions ----
  const offers: Offer[] = [];
  const offerRows: CopyValue[][] = [];
  const versionRows: CopyValue[][] = [];
  for (let i = 0; i < options.scale.offers; i++) {
    const provider = rnd.pick(providers);
    const category = rnd.pick(CATEGORIES);
    const offerRegions = rnd.sample(provider.regions, rnd.int(1, provider.regions.length));
    const pduCodes = offerRegions.flatMap((r) => pdusByRegion.get(r)!);
    const pricingUnit = rnd.weighted(PRICING);
    const price = BigInt(
      pricingUnit === 'FIXED_BLOCK'
        ? rnd.int(20_000, 120_000) * 100
        : pricingUnit === 'PER_SESSION'
          ? rnd.int(40, 200) * 100
          : rnd.int(150, 3_000) * 100,
    );
    const candidates = measuresByCategory.get(category)!;
    const commitments = rnd.sample(candidates, rnd.int(1, 3)).map((m) => ({
      measureCode: m.code,
      measureName: m.name,
      unit: m.unit,
      direction: m.direction,
      expectedRate: rnd.int(30, 85) / 100,
    }));
    const versions = rnd.weighted([
      [1, 60],
      [2, 30],
      [3, 10],
    ] as const);
    const status = rnd.weighted([
      ['PUBLISHED', 88],
      ['WITHDRAWN', 7],
      ['DRAFT', 5],
    ] as const);
    const capacity = rnd.int(20, 400);
    const offer: Offer = {
      id: rnd.uuid(),
      providerId: provider.id,
      version: status === 'DRAFT' ? 1 : versions,
      category,
      regionCodes: offerRegions,
      pduCodes,
      pricingUnit,
      unitPrice: price,
      capacity,
      commitments,
      status,
    };
    offers.push(offer);
    const title = `${category.toLowerCase().replace(/_/g, ' ')} service ${i + 1}`;
    const summary = `Synthetic ${category.toLowerCase().replace(/_/g, ' ')} support for people on probation in ${offerRegions.join(', ')}; offer ${i + 1}.`;
    const fullCost = (price * BigInt(rnd.int(80, 140))) / 100n;
    const content = (version: number): CopyValue[] => [
      offer.providerId,
      version,
      title,
      summary,
      category,
      offerRegions,
      pduCodes,
      ['IN_PERSON', 'ONE_TO_ONE'],
      18,
      null,
      ['FEMALE', 'MALE'],
      ['LOW', 'MEDIUM', 'HIGH'],
      category === 'WOMENS_SERVICES' ? ['WOMEN'] : [],
      capacity,
      pricingUnit,
      price + BigInt(version - 1) * 500n,
      fullCost,
      { json: commitments },
    ];
    offerRows.push([
      offer.id,
      status,
      ...content(offer.version),
      '2022-01-01T00:00:00Z',
      status === 'DRAFT' ? null : '2022-02-01T00:00:00Z',
      status === 'WITHDRAWN' ? '2026-06-01T00:00:00Z' : null,
    ]);
    for (let v = 1; v <= offer.version; v++) versionRows.push([offer.id, ...content(v), 'seed']);
    offer.unitPrice = price + BigInt(offer.version - 1) * 500n;
  }
  const contentColumns = [
    'provider_id',
    'version',
    'title',
    'summary',
    'category',
    'region_codes',
    'pdu_codes',
    'delivery_modes',
    'min_age',
    'max_age',
    'sexes',
    'risk_levels',
    'specialisms',
    'capacity_per_month',
    'pricing_unit',
    'unit_price_pence',
    'declared_full_cost_pence',
    'outcome_commitments',
  ];
  counts.offers = await stage(
    client,
    'offers',
    'service_offer',
    ['id', 'status', ...contentColumns, 'created_at', 'published_at', 'withdrawn_at'],
    offerRows,
  );
  counts.offerVersions = await stage(client, 'offer versions', 'service_offer_version', ['offer_id', ...contentColumns, 'created_by'], versionRows);

  // ---- orders (in memory first: budgets must exist before orders refer to them) ----
  const orderable = offers.filter((o) => o.status !== 'DRAFT');
  const budgetIds = new Map<string, string>();
  const committed = new Map<string, bigint>();
  const reserved = new Map<string, bigint>();
  for (const fy of FINANCIAL_YEARS) for (const r of regions) budgetIds.set(`${r}|${fy}`, rnd.uuid());
  const todayMs = Date.parse(`${options.today}T00:00:00Z`);
  interface Order {
    row: CopyValue[];
    id: string;
    offer: Offer;
    status: string;
    start: string;
    end: string;
    total: bigint;
    region: string;
    pdu: string;
    fy: string;
    budgetId: string;
    share: number;
    period: 'MONTHLY' | 'QUARTERLY';
    targets: { measureCode: string; measureName: string; unit: string; direction: string; baseline: number; target: number; weight: number }[];
  }
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

  // ---- contracts, their terms, reports, payments and supply chain ----
  const accepted = orders.filter((o) => o.status === 'ACCEPTED');
  const contractRows: CopyValue[][] = [];
  const contractVersionRows: CopyValue[][] = [];
  const measureRows: CopyValue[][] = [];
  const reportRows: CopyValue[][] = [];
  const paymentRows: CopyValue[][] = [];
  const subRows: CopyValue[][] = [];
  const fundingRows: CopyValue[][] = [];
  for (const o of accepted) {
    const contractId = rnd.uuid();
    const outcomePart = percentOf(o.total, o.share);
    const fixedPart = o.total - outcomePart;
    contractRows.push([
      contractId,
      o.id,
      o.offer.providerId,
      o.offer.id,
      o.offer.version,
      o.region,
      o.pdu,
      o.offer.category,
      o.budgetId,
      o.fy,
      o.start,
      o.end,
      o.end < options.today ? 'COMPLETED' : 'ACTIVE',
      1,
      o.total,
      o.share,
      fixedPart,
      outcomePart,
      o.period,
      `${o.start}T10:00:00Z`,
    ]);
    contractVersionRows.push([contractId, 1, `${o.start}T10:00:00Z`, 'seed', 'Created from an accepted order', { json: { value: String(o.total) } }]);
    const measureIds = o.targets.map((t, position) => {
      const id = rnd.uuid();
      measureRows.push([
        id,
        contractId,
        position + 1,
        t.measureCode,
        t.measureName,
        t.unit,
        t.direction,
        t.baseline.toFixed(6),
        t.target.toFixed(6),
        t.weight,
      ]);
      return id;
    });
    const periods = reportingPeriods(o.start, o.end, o.period);
    const fixed = splitEvenly(fixedPart, periods.length);
    const outcome = splitEvenly(outcomePart, periods.length);
    let paidToPrime = 0n;
    periods.forEach((p, k) => {
      if (p.start > options.today) return;
      const fixedPaidOn = addDaysIso(p.start, 20) <= options.today ? addDaysIso(p.start, 20) : options.today;
      paymentRows.push([
        rnd.uuid(),
        contractId,
        p.name,
        'FIXED',
        fixed[k],
        fixedPaidOn,
        `FIN-${paymentRows.length + 1}`,
        rnd.uuid(),
        'seed',
        `commissioner-${o.region}-1`,
      ]);
      paidToPrime += fixed[k];
      if (p.end >= options.today) return; // the period's report is not in yet
      const actuals = o.targets.map((t, m) => ({
        measureId: measureIds[m],
        value: Math.min(1, Math.max(0, t.target + (rnd.next() - 0.55) * 0.4)).toFixed(6),
      }));
      const items = o.targets.map((t, m) => ({
        weight: t.weight,
        achievement: achievement(t.direction as 'HIGHER_IS_BETTER', t.baseline, t.target, actuals[m].value),
      }));
      const earned = outcomePaymentEarned(outcome[k], items);
      const score = fractionToNumber(weightedScore(items), 6);
      const reviewedAt = `${addDaysIso(p.end, 10)}T12:00:00Z`;
      reportRows.push([
        rnd.uuid(),
        contractId,
        p.name,
        'APPROVED',
        { json: actuals },
        'Synthetic delivery report',
        'seed-provider',
        `${addDaysIso(p.end, 5)}T12:00:00Z`,
        1,
        `commissioner-${o.region}-1`,
        reviewedAt,
        score,
        earned,
      ]);
      const outcomePaidOn = addDaysIso(p.end, 30);
      if (earned > 0n && outcomePaidOn <= options.today) {
        paymentRows.push([
          rnd.uuid(),
          contractId,
          p.name,
          'OUTCOME',
          earned,
          outcomePaidOn,
          `FIN-${paymentRows.length + 1}`,
          rnd.uuid(),
          'seed',
          `commissioner-${o.region}-2`,
        ]);
        paidToPrime += earned;
      }
    });
    if (paidToPrime > 0n && rnd.chance(0.25)) {
      const tier2 = rnd.uuid();
      const n = 9_700_000 + subRows.length;
      subRows.push([
        tier2,
        contractId,
        null,
        2,
        `GB-CHC-${n}`,
        `${rnd.pick(WORDS_A)}${rnd.pick(WORDS_B)} Partner ${subRows.length + 1} (synthetic)`,
        String(n),
        null,
        'Delivers part of the service locally',
        'seed',
      ]);
      let tier3: string | null = null;
      if (rnd.chance(0.3)) {
        tier3 = rnd.uuid();
        const m = 9_700_000 + subRows.length;
        subRows.push([
          tier3,
          contractId,
          tier2,
          3,
          `GB-CHC-${m}`,
          `${rnd.pick(WORDS_A)} Volunteers ${subRows.length + 1} (synthetic)`,
          String(m),
          null,
          'Volunteer mentoring',
          'seed',
        ]);
      }
      const toTier2 = divideRounded(paidToPrime * BigInt(rnd.int(10, 40)), 100n);
      const quarterOf = (date: string) => Math.floor(((Number(date.slice(5, 7)) + 8) % 12) / 3) + 1;
      fundingRows.push([rnd.uuid(), contractId, tier2, o.fy, quarterOf(o.start), toTier2, 'seed']);
      if (tier3) fundingRows.push([rnd.uuid(), contractId, tier3, o.fy, quarterOf(o.start), toTier2 / 3n, 'seed']);
    }
  }
  counts.contracts = await stage(
    client,
    'contracts',
    'contract',
    [
      'id',
      'order_id',
      'provider_id',
      'offer_id',
      'offer_version',
      'region_code',
      'pdu_code',
      'category',
      'budget_id',
      'financial_year',
      'start_date',
      'end_date',
      'status',
      'version',
      'value_pence',
      'outcome_share_percent',
      'fixed_part_pence',
      'outcome_part_pence',
      'reporting_period',
      'created_at',
    ],
    contractRows,
  );
  counts.contractVersions = await stage(
    client,
    'contract versions',
    'contract_version',
    ['contract_id', 'version', 'changed_at', 'changed_by', 'reason', 'terms'],
    contractVersionRows,
  );
  counts.outcomeMeasures = await stage(
    client,
    'contract outcome measures',
    'contract_outcome_measure',
    ['id', 'contract_id', 'position', 'measure_code', 'name', 'unit', 'direction', 'baseline', 'target', 'weight'],
    measureRows,
  );
  counts.performanceReports = await stage(
    client,
    'performance reports',
    'performance_report',
    [
      'id',
      'contract_id',
      'period',
      'status',
      'actuals',
      'narrative',
      'submitted_by',
      'submitted_at',
      'submissions',
      'reviewed_by',
      'reviewed_at',
      'score',
      'outcome_earned_pence',
    ],
    reportRows,
  );
  counts.payments = await stage(
    client,
    'payments',
    'payment',
    ['id', 'contract_id', 'period', 'kind', 'amount_pence', 'paid_on', 'reference', 'idempotency_key', 'request_hash', 'recorded_by'],
    paymentRows,
  );
  counts.subcontractors = await stage(
    client,
    'subcontractors',
    'subcontractor',
    ['id', 'contract_id', 'parent_id', 'tier', 'identifier', 'name', 'charity_number', 'company_number', 'service_summary', 'declared_by'],
    subRows,
  );
  counts.fundingPassedDown = await stage(
    client,
    'funding passed down',
    'funding_passed_down',
    ['id', 'contract_id', 'subcontractor_id', 'financial_year', 'quarter', 'amount_pence', 'reported_by'],
    fundingRows,
  );
  return counts;
}

function splitWeights(count: number): number[] {
  const share = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? 100 - share * (count - 1) : share));
}

async function stage(client: pg.ClientBase, label: string, table: string, columns: string[], rows: CopyValue[][]): Promise<number> {
  const progress = Progress.stage(label, rows.length);
  const n = await copyRows(client, table, columns, rows, (k) => progress.add(k));
  progress.finish();
  return n;
}
