import { Role } from '@mkt/auth';
import { MIGRATIONS } from '../src/migrations';
import {
  awardContract,
  createPublishedOffer,
  recordPayment,
  registerOrganisation,
  reportAndApprove,
  reversePayment,
  setBudget,
  varyAndAgree,
} from './harness/contract-factories';
import { createTestDatabase, dropTestDatabase, expectOk, startTestApp, type TestApp } from './harness/test-app';

/**
 * Issue 12 hands spend's summary tables and triggers to contracts (ContractSpendReadModel1764201610040
 * and the published views before it). A database that ran the earlier release, with money in it,
 * must report exactly the same after the upgrade, and keep the summaries as before afterwards.
 */
const LAST_BEFORE_HANDOVER = MIGRATIONS.findIndex((m) => m.name === 'SpendGapFromVariedValue1764201609650');
// The app placing this world's orders is today's: it needs issue 13's order and contract columns
// (advance payment, frozen periods, proposed variations, award routes, order parties; they touch no
// read model), so the earlier release is given them too; the upgrade applies the handover after them.
const INDEPENDENT_LATER = [
  'BudgetPhasing1764201611100',
  'OrderBudgetPhases1764201611200',
  'ContractBudgetPhases1764201611300',
  'OrderAdvancePayment1764201612300',
  'ContractScheduleTerms1764201612310',
  'OrderAwardRoute1764201630500',
  'ContractOrderParty1764201630510',
  'ContractSuspensions1764201640000',
];
const EARLIER_RELEASE = [...MIGRATIONS.slice(0, LAST_BEFORE_HANDOVER + 1), ...MIGRATIONS.filter((m) => INDEPENDENT_LATER.includes(m.name))];

const MONEY = '{ amount }';
/** Each report over the summaries and spend's views, one request each (the query cost limit). */
const REPORTS = [
  `{ spend(groupBy: [REGION, PDU, PROVIDER, CATEGORY, INCOME_BAND, ORGANISATION_TYPE, FINANCIAL_QUARTER]) {
    rows { regionCode pduCode providerId providerName category incomeBand organisationType financialYear quarter
           committed ${MONEY} paid ${MONEY} fixedPaid ${MONEY} outcomePaid ${MONEY} outstanding ${MONEY} contracts providers }
    totals { committed ${MONEY} paid ${MONEY} outstanding ${MONEY} contracts providers } } }`,
  `{ spend(groupBy: [PROVIDER, FINANCIAL_YEAR]) { rows { providerId financialYear committed ${MONEY} paid ${MONEY} outstanding ${MONEY} } } }`,
  `{ sustainabilityGap(groupBy: [PROVIDER, CATEGORY]) {
    rows { providerId category contracts contractsBelowCost committed ${MONEY} declaredFullCost ${MONEY} gap ${MONEY} fullCostCovered }
    totals { contracts contractsBelowCost committed ${MONEY} declaredFullCost ${MONEY} gap ${MONEY} fullCostCovered } } }`,
  `{ spendInclusion { rows { regionCode financialYear committed ${MONEY} paid ${MONEY} providersFunded committedShareUnder1m }
    totals { committed ${MONEY} paid ${MONEY} providersFunded paidShareUnder1m } } }`,
  `{ costPerOutcome { measureCode category contracts periodsReported cost ${MONEY} costPerOutcome ${MONEY} outcomesAchieved } }`,
  `{ underpricedOffers { edges { node { offerId providerName gapPerUnit ${MONEY} } } } }`,
];

/** What the summaries and the supply-chain views hold, in a stable order (names as spend and publication read them). */
const STORED = {
  fine: 'SELECT * FROM spend_contract_quarter ORDER BY contract_id, financial_year, quarter',
  rollup: 'SELECT * FROM spend_provider_quarter ORDER BY provider_id, region_code, income_band, organisation_type, financial_year, quarter',
  outcomes: 'SELECT * FROM spend_outcome_v ORDER BY contract_id, period, measure_code',
  supplyChain: 'SELECT * FROM supply_chain_contract_v ORDER BY seq',
  supplyPayments: 'SELECT * FROM supply_chain_payment_v ORDER BY seq',
};

describe('upgrading a database of the earlier release to owner-published read models', () => {
  let url: string;
  let app: TestApp | undefined;
  let contractId: string;
  let smallIdentifier: string;

  const directorate = (a: TestApp) => a.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dee' });
  const reports = async (a: TestApp) => {
    const token = await directorate(a);
    const out: Record<string, any>[] = [];
    for (const query of REPORTS) out.push(expectOk(await a.gql(query, {}, token)));
    return out;
  };
  const stored = async (a: TestApp) => {
    const out: Record<string, unknown[]> = {};
    for (const [key, sql] of Object.entries(STORED)) out[key] = (await a.pool.query(sql)).rows;
    return out;
  };

  beforeAll(async () => {
    url = await createTestDatabase();
    app = await startTestApp({}, { databaseUrl: url, migrations: EARLIER_RELEASE });
    const cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    await setBudget(app, 'north-west', '2026-27', '100000.00');
    const small = await registerOrganisation(app, { incomeBand: 'UNDER_100K', organisationType: 'REGISTERED_CHARITY', regionCodes: ['north-west'] });
    const large = await registerOrganisation(app, { incomeBand: 'OVER_10M', organisationType: 'PRIVATE_COMPANY', regionCodes: ['north-west'] });
    const housing = await createPublishedOffer(app, small, { unitPrice: '850.00', declaredFullCostPerUnit: '1000.00' });
    const jobs = await createPublishedOffer(app, large, {
      title: 'Employment coaching',
      category: 'EDUCATION_TRAINING_AND_EMPLOYMENT',
      unitPrice: '500.00',
      declaredFullCostPerUnit: '400.00',
      outcomeCommitments: [{ measureCode: 'ETE-01', expectedRate: 0.4 }],
    });
    const h = await awardContract(app, cara, small, {
      offerId: housing.id,
      pduCode: 'liverpool-north',
      quantity: 10,
      startDate: '2026-05-01',
      endDate: '2026-10-31',
      outcomeSharePercent: 10, // the UNDER_100K default is 0%, and this test needs outcome money to move
    });
    const j = await awardContract(app, cara, large, {
      offerId: jobs.id,
      pduCode: 'liverpool-south',
      quantity: 4,
      startDate: '2026-07-01',
      endDate: '2026-09-30',
    });
    contractId = h.id;
    await recordPayment(app, cara, { contractId: h.id, period: '2026-27-Q1', kind: 'FIXED', amount: h.schedule[0].fixedDue, paidOn: '2026-06-30' });
    const wrong = await recordPayment(app, cara, { contractId: j.id, period: '2026-27-Q2', kind: 'FIXED', amount: '300.00', paidOn: '2026-09-30' });
    await reversePayment(app, cara, wrong.id);
    const { earned } = await reportAndApprove(app, small, cara, h, '2026-27-Q1', [0.6]);
    const colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    await recordPayment(app, colin, { contractId: h.id, period: '2026-27-Q1', kind: 'OUTCOME', amount: earned, paidOn: '2026-09-01' });
    smallIdentifier = small.identifier;
    expectOk(
      await varyAndAgree(app, cara, small.token, {
        contractId: h.id,
        expectedVersion: 1,
        changes: { value: '9350.00' },
        reason: 'Two more referrals',
      }),
    );
  });
  afterAll(async () => {
    await app?.close();
    if (url) await dropTestDatabase(url);
  });

  it('reports the same money after the upgrade, and keeps the summaries as the earlier release did afterwards', async () => {
    const before = { reports: await reports(app!), stored: await stored(app!) };
    expect(before.stored.fine.length).toBeGreaterThan(3);
    expect(before.stored.outcomes.length).toBeGreaterThan(0);
    await app!.close();

    app = await startTestApp({}, { databaseUrl: url }); // applies the handover migrations
    const applied = await app.pool.query(`SELECT name FROM schema_migrations ORDER BY id`);
    const upgrade = MIGRATIONS.filter((m) => !EARLIER_RELEASE.includes(m));
    expect(applied.rows.map((r) => r.name)).toEqual([...EARLIER_RELEASE, ...upgrade].map((m) => m.name));
    expect({ reports: await reports(app), stored: await stored(app) }).toEqual(before);

    // The contracts-owned triggers keep the summaries: a payment and a variation move them as before, equal to a rebuild.
    const cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    await recordPayment(app, cara, { contractId, period: '2026-27-Q2', kind: 'FIXED', amount: '12.34', paidOn: '2026-09-30' });
    const bids = await app.token({ roles: [Role.PROVIDER], org: smallIdentifier, sub: `bid-manager-${smallIdentifier}` });
    expectOk(await varyAndAgree(app, cara, bids, { contractId, expectedVersion: 2, changes: { value: '10200.00' }, reason: 'One more referral' }));
    const [after] = await reports(app);
    expect(after.spend.totals.paid.amount).not.toBe(before.reports[0].spend.totals.paid.amount);
    const kept = await stored(app);
    await app.pool.query('SELECT rebuild_contract_summary()');
    expect(await stored(app)).toEqual(kept);
    await expect(app.pool.query(`UPDATE contract SET start_date = start_date + 1 WHERE id = $1`, [contractId])).rejects.toThrow(/never change/);
  });
});
