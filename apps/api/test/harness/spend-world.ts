import { Role } from '@mkt/auth';
import { parsePence } from '@mkt/common';
import {
  awardContract,
  ContractHandle,
  createPublishedOffer,
  recordPayment,
  registerOrganisation,
  reportAndApprove,
  reversePayment,
  setBudget,
  varyAndAgree,
} from './contract-factories';
import { ProviderHandle } from './factories';
import { expectOk, startTestApp, TestApp } from './test-app';

export const FIGURES = 'committed { amount } paid { amount } fixedPaid { amount } outcomePaid { amount } outstanding { amount } contracts providers';
export const KEYS = 'regionCode pduCode providerId providerName category incomeBand organisationType financialYear quarter';
export const SPEND = `query ($filter: SpendFilter, $groupBy: [SpendGroupKey!]) {
  spend(filter: $filter, groupBy: $groupBy) { groupBy rows { ${KEYS} ${FIGURES} } totals { ${FIGURES} } } }`;
export const GROUP_KEYS = ['REGION', 'PDU', 'PROVIDER', 'CATEGORY', 'INCOME_BAND', 'ORGANISATION_TYPE', 'FINANCIAL_YEAR', 'FINANCIAL_QUARTER'];
export const MONEY = ['committed', 'paid', 'fixedPaid', 'outcomePaid', 'outstanding'] as const;

export type Figures = Record<(typeof MONEY)[number], { amount: string }> & { contracts: number; providers: number };
export type Row = Figures & Record<string, unknown>;

/** A small deterministic generator, so the "any grouping" property is checked on the same subsets every run. */
export function* groupings(seed: number, count: number): Generator<string[]> {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let i = 0; i < count; i++) {
    const mask = (next() >> 16) % (1 << GROUP_KEYS.length); // the high bits: an LCG's low bits cycle fast
    yield GROUP_KEYS.filter((_, bit) => mask & (1 << bit));
  }
}

export const sumOf = (rows: Row[], field: (typeof MONEY)[number]) => rows.reduce((s, r) => s + parsePence(r[field].amount), 0n);

export let app: TestApp;
export let directorate: string;
export let auditor: string;
export let cara: string; // commissioner, north-west
export let colin: string; // second commissioner, north-west (records outcome payments cara approved)
export let lena: string; // commissioner, london
export let small: ProviderHandle; // UNDER_100K charity, north-west
export let large: ProviderHandle; // OVER_10M company, north-west and london
export let medium: ProviderHandle; // FROM_1M_TO_10M charity, london
export const contracts: Record<string, ContractHandle> = {};
export const ledger = (sql: string, params: unknown[] = []) => app.pool.query(sql, params).then((r) => r.rows);
export const spend = async (filter: Record<string, unknown> | undefined, groupBy: string[], token = directorate) =>
  expectOk(await app.gql(SPEND, { filter, groupBy }, token)).spend as { rows: Row[]; totals: Figures; groupBy: string[] };

/** The app, the callers' tokens and the regions' budgets. */
async function startWorld() {
  // The figures below were set when every band defaulted to 20% on outcomes: the small charity keeps it by configuration.
  app = await startTestApp({ OUTCOME_SHARE_BY_BAND: 'UNDER_100K:20/50' });
  directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dee' });
  auditor = await app.token({ roles: [Role.AUDITOR], sub: 'auditor-al' });
  cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
  colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
  lena = await app.token({ roles: [Role.COMMISSIONER], regions: ['london'], sub: 'lena' });
  await setBudget(app, 'north-west', '2025-26', '50000.00');
  await setBudget(app, 'north-west', '2026-27', '100000.00');
  await setBudget(app, 'london', '2026-27', '100000.00');
}

type Offer = Awaited<ReturnType<typeof createPublishedOffer>>;

/** The three providers (bands and types apart) and an offer from each. */
async function registerProviders() {
  small = await registerOrganisation(app, { incomeBand: 'UNDER_100K', organisationType: 'REGISTERED_CHARITY', regionCodes: ['north-west'] });
  large = await registerOrganisation(app, { incomeBand: 'OVER_10M', organisationType: 'PRIVATE_COMPANY', regionCodes: ['north-west', 'london'] });
  medium = await registerOrganisation(app, { incomeBand: 'FROM_1M_TO_10M', organisationType: 'REGISTERED_CHARITY', regionCodes: ['london'] });
  const housing = await createPublishedOffer(app, small, { unitPrice: '850.00', declaredFullCostPerUnit: '1000.00' });
  const jobs = await createPublishedOffer(app, large, {
    title: 'Employment coaching',
    category: 'EDUCATION_TRAINING_AND_EMPLOYMENT',
    regionCodes: ['north-west', 'london'],
    unitPrice: '500.00',
    declaredFullCostPerUnit: '400.00',
    outcomeCommitments: [{ measureCode: 'ETE-01', expectedRate: 0.4 }],
  });
  const wellbeing = await createPublishedOffer(app, medium, {
    title: 'Wellbeing groups',
    category: 'PERSONAL_WELLBEING',
    regionCodes: ['london'],
    unitPrice: '300.00',
    declaredFullCostPerUnit: '450.00',
    outcomeCommitments: [{ measureCode: 'LSA-01', expectedRate: 0.5 }],
  });
  return { housing, jobs, wellbeing };
}

/** Four contracts, in two regions and on both sides of a financial year's end. */
async function awardContracts({ housing, jobs, wellbeing }: Record<'housing' | 'jobs' | 'wellbeing', Offer>) {
  // 8,500.00 from May to October 2026: three quarterly periods, 20% on outcomes.
  contracts.housing = await awardContract(app, cara, small, {
    offerId: housing.id,
    pduCode: 'liverpool-north',
    quantity: 10,
    startDate: '2026-05-01',
    endDate: '2026-10-31',
  });
  // Starts in 2025-26 Q4: its commitment belongs to that quarter, its payment to the quarter paid.
  contracts.jobsNorth = await awardContract(app, cara, large, {
    offerId: jobs.id,
    pduCode: 'liverpool-south',
    quantity: 4,
    startDate: '2026-02-01',
    endDate: '2026-04-30',
  });
  contracts.jobsLondon = await awardContract(app, lena, large, {
    offerId: jobs.id,
    pduCode: 'greenwich-and-bexley',
    quantity: 6,
    startDate: '2026-07-01',
    endDate: '2026-09-30',
  });
  contracts.wellbeing = await awardContract(app, lena, medium, {
    offerId: wellbeing.id,
    pduCode: 'lewisham-and-bromley',
    quantity: 10,
    startDate: '2026-04-15',
    endDate: '2026-06-30',
  });
}

/** Fixed and outcome payments on the contracts, one of them reversed. */
async function recordPayments() {
  const h = contracts.housing;
  await recordPayment(app, cara, { contractId: h.id, period: '2026-27-Q1', kind: 'FIXED', amount: h.schedule[0].fixedDue, paidOn: '2026-06-30' });
  const wrong = await recordPayment(app, cara, {
    contractId: h.id,
    period: '2026-27-Q2',
    kind: 'FIXED',
    amount: h.schedule[1].fixedDue,
    paidOn: '2026-09-30',
  });
  await reversePayment(app, cara, wrong.id); // paid on today's date, negative
  await recordPayment(app, cara, { contractId: h.id, period: '2026-27-Q2', kind: 'FIXED', amount: h.schedule[1].fixedDue, paidOn: '2026-09-30' });
  const { earned } = await reportAndApprove(app, small, cara, h, '2026-27-Q1', [0.6]);
  await recordPayment(app, colin, { contractId: h.id, period: '2026-27-Q1', kind: 'OUTCOME', amount: earned, paidOn: '2026-09-01' });

  const jn = contracts.jobsNorth;
  await recordPayment(app, cara, { contractId: jn.id, period: '2025-26-Q4', kind: 'FIXED', amount: jn.schedule[0].fixedDue, paidOn: '2026-03-31' });
  await recordPayment(app, cara, { contractId: jn.id, period: '2026-27-Q1', kind: 'FIXED', amount: jn.schedule[1].fixedDue, paidOn: '2026-04-30' });
  const jl = contracts.jobsLondon;
  await recordPayment(app, lena, { contractId: jl.id, period: '2026-27-Q2', kind: 'FIXED', amount: '1000.00', paidOn: '2026-09-30' });
  const w = contracts.wellbeing;
  await recordPayment(app, lena, { contractId: w.id, period: '2026-27-Q1', kind: 'FIXED', amount: w.schedule[0].fixedDue, paidOn: '2026-06-30' });
}

/** After the payments: a variation, a band change and a second housing contract. */
async function varyAndGrow(housing: Offer) {
  const h = contracts.housing;
  // A variation moves the commitment (in the start quarter); the provider then grows a band.
  const varied = expectOk(
    await varyAndAgree(
      app,
      cara,
      small.token,
      { contractId: h.id, expectedVersion: 1, changes: { value: '9350.00' }, reason: 'Two more referrals agreed' },
      'value { amount }',
    ),
  ).varyContract;
  expect(varied.value.amount).toBe('9350.00');
  const admin = await app.token({ roles: [Role.ADMIN] });
  expectOk(
    await app.gql(`mutation ($id: ID!) { updateOrganisation(id: $id, input: { incomeBand: FROM_1M_TO_10M }) { id } }`, { id: small.id }, admin),
  );
  contracts.housingLater = await awardContract(app, cara, small, {
    offerId: housing.id,
    pduCode: 'liverpool-north',
    quantity: 2,
    startDate: '2026-10-01',
    endDate: '2026-10-31',
  });
}

/** Registers the world's setup and teardown in the calling describe block. */
export function useSpendWorld(): void {
  beforeAll(async () => {
    await startWorld();
    const offers = await registerProviders();
    await awardContracts(offers);
    await recordPayments();
    await varyAndGrow(offers.housing);
  });
  afterAll(async () => {
    await app?.close();
  });
}
