import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { Clock } from '@mkt/common';
import { varyAndAgree } from './harness/contract-factories';
import { createPublishedOffer, ProviderHandle, registerProvider } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

/**
 * Contract rules around who may do what and when: separation of sides on reports, the dates a
 * payment may carry, what an ended or suspended contract still allows, and the sustainability gap
 * after a variation.
 */
describe('contract rules', () => {
  let app: TestApp;
  let cara: string; // commissioner, north-west: approves reports
  let colin: string; // second commissioner, north-west: records payments
  let directorate: string;
  let provider: ProviderHandle;
  let offerId: string;
  const DAY = 86_400_000;

  const gql = (query: string, variables: Record<string, unknown>, token: string) => app.gql(query, variables, token);
  const today = () => app.nest.get(Clock).today();

  async function newContract(input: Record<string, unknown>, offer = offerId, by = provider): Promise<string> {
    const order = expectOk(
      await gql(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
        { input: { offerId: offer, pduCode: 'liverpool-north', idempotencyKey: randomUUID(), ...input } },
        cara,
      ),
    ).placeOrder;
    return expectOk(await gql(`mutation ($id: ID!) { acceptOrder(id: $id) { contract { id } } }`, { id: order.id }, by.token)).acceptOrder.contract
      .id;
  }
  const measuresOf = async (id: string) =>
    expectOk(await gql(`query ($id: ID!) { contract(id: $id) { version outcomeMeasures { id } } }`, { id }, cara)).contract;
  const submit = async (contractId: string, period: string, token = provider.token) => {
    const { outcomeMeasures } = await measuresOf(contractId);
    return gql(
      `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id status } }`,
      {
        input: {
          contractId,
          period,
          actuals: outcomeMeasures.map((m: { id: string }) => ({ measureId: m.id, value: 0.5 })),
          narrative: `Report for ${period}`,
        },
      },
      token,
    );
  };
  const approve = (id: string, token = cara) =>
    gql(`mutation ($id: ID!) { approvePerformanceReport(id: $id) { id status outcomeEarned { amount } } }`, { id }, token);
  const pay = (input: Record<string, unknown>, token = colin) =>
    gql(
      `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id period kind amount { amount } paidOn } }`,
      { input: { paidOn: '2026-11-20', reference: 'FIN-0002', idempotencyKey: randomUUID(), ...input } },
      token,
    );
  /** A variation by cara; a change of terms is then agreed by the contract's provider. */
  const vary = async (contractId: string, changes: Record<string, unknown>, reason: string, by = provider) => {
    const { version } = await measuresOf(contractId);
    return varyAndAgree(app, cara, by.token, { contractId, expectedVersion: version, changes, reason }, 'id version status value { amount }');
  };
  /** Runs `body` with the app's clock moved forward, and always moves it back. */
  async function later<T>(days: number, body: () => Promise<T>): Promise<T> {
    app.nest.get(Clock).advance(days * DAY);
    try {
      return await body();
    } finally {
      app.nest.get(Clock).advance(-days * DAY);
    }
  }

  beforeAll(async () => {
    // About contract rules: the provider's running total passes the default scheme's limits (delegation: award-routes.e2e-spec.ts).
    app = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0', DELEGATION_SCHEME: 'PEER_COMMISSIONER:10000000.00' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'dee' });
    const admin = await app.token({ roles: [Role.ADMIN] });
    for (const financialYear of ['2026-27', '2027-28']) {
      expectOk(
        await gql(
          `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { id } }`,
          { input: { regionCode: 'north-west', financialYear, amount: '500000.00' } },
          admin,
        ),
      );
    }
    provider = await registerProvider(app);
    offerId = (await createPublishedOffer(app, provider, { unitPrice: '1000.00', declaredFullCostPerUnit: '1000.00', capacityPerMonth: 1000 })).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses approval of a report by the principal who submitted it, whatever roles its token holds', async () => {
    const id = await newContract({ quantity: 4, startDate: '2026-04-01', endDate: '2027-03-31' });
    // One person holding both sides: the provider's bid manager is also a commissioner of the region.
    const both = await app.token({
      roles: [Role.PROVIDER, Role.COMMISSIONER],
      org: provider.identifier,
      regions: ['north-west'],
      sub: 'pat-both-sides',
    });
    const report = expectOk(await submit(id, '2026-27-Q1', both)).submitPerformanceReport;
    const refused = await approve(report.id, both);
    expect(errorCode(refused)).toBe('SEPARATION_OF_DUTIES');
    expect(refused.errors![0].message).toMatch(/submitted/);
    // Nothing was half-written: the report is still waiting for review.
    const { rows } = await app.pool.query('SELECT status, reviewed_by FROM performance_report WHERE id = $1', [report.id]);
    expect(rows[0]).toEqual({ status: 'SUBMITTED', reviewed_by: null });
    // Another commissioner approves it.
    expect(expectOk(await approve(report.id, cara)).approvePerformanceReport.status).toBe('APPROVED');
  });

  it('takes paidOn from the contract start to six months after its end, and never in the future', async () => {
    // One quarter, April and May 2026: fixed part 2,400.00 in one instalment (20% outcome share by default).
    const id = await newContract({ quantity: 3, startDate: '2026-04-01', endDate: '2026-05-31' });
    const fixed = (paidOn: string, amount = '100.00') => pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount, paidOn });

    const before = await fixed('2026-03-31');
    expect(errorCode(before)).toBe('BAD_USER_INPUT');
    expect(before.errors![0].message).toContain('paidOn');
    // Arrears: the last period paid a month after the end.
    expect(expectOk(await fixed('2026-06-30')).recordPayment.paidOn).toBe('2026-06-30');
    // In arrears: not before the last day of the period within the contract (31 May), which counts.
    expect(errorCode(await fixed('2026-04-01'))).toBe('PAYMENT_NOT_DUE');
    expectOk(await fixed('2026-05-31'));
    expectOk(await fixed('2026-11-30')); // the last day of the run-off (end + 6 months)
    const pastRunOff = await fixed('2026-12-01');
    expect(errorCode(pastRunOff)).toBe('BAD_USER_INPUT');
    expect(pastRunOff.errors![0].message).toContain('2026-11-30');

    const tomorrow = new Date(Date.parse(`${today()}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    const longer = await newContract({ quantity: 3, startDate: '2026-04-01', endDate: '2027-03-31' });
    expect(errorCode(await pay({ contractId: longer, period: '2026-27-Q1', kind: 'FIXED', amount: '1.00', paidOn: tomorrow }))).toBe(
      'BAD_USER_INPUT',
    );
    expectOk(await pay({ contractId: longer, period: '2026-27-Q1', kind: 'FIXED', amount: '1.00', paidOn: today() }));

    const { rows } = await app.pool.query(`SELECT count(*)::int AS n, sum(amount_pence)::text AS paid FROM payment WHERE contract_id = $1`, [id]);
    expect(rows[0]).toEqual({ n: 3, paid: '30000' });
  });

  it('settles a terminated contract only for periods that began before the termination', async () => {
    // Quarterly over 2026-27; today (2026-12) is in Q3. Terminated now; Q4 begins after it.
    const id = await newContract({ quantity: 8, startDate: '2026-04-01', endDate: '2027-03-31' });
    const q2 = expectOk(await submit(id, '2026-27-Q2')).submitPerformanceReport;
    const q3 = expectOk(await submit(id, '2026-27-Q3')).submitPerformanceReport;
    expect(expectOk(await vary(id, { status: 'TERMINATED' }, 'Provider closing the service')).varyContract.status).toBe('TERMINATED');

    // Periods that began before the termination can still be settled and their reports approved.
    const earned = expectOk(await approve(q2.id)).approvePerformanceReport.outcomeEarned.amount;
    expect(Number(earned)).toBeGreaterThan(0);
    expectOk(await approve(q3.id));
    expectOk(await pay({ contractId: id, period: '2026-27-Q2', kind: 'FIXED', amount: '1600.00' }));
    expectOk(await pay({ contractId: id, period: '2026-27-Q2', kind: 'OUTCOME', amount: earned }));

    await later(45, async () => {
      // Q3, under way at the termination, is paid in arrears once it has ended.
      expectOk(await pay({ contractId: id, period: '2026-27-Q3', kind: 'FIXED', amount: '1600.00', paidOn: today() }));
      const q4 = expectOk(await submit(id, '2026-27-Q4')).submitPerformanceReport;
      const refusedApproval = await approve(q4.id);
      expect(errorCode(refusedApproval)).toBe('INVALID_STATE');
      expect(refusedApproval.errors![0].message).toMatch(/TERMINATED/);
      const refusedPayment = await pay({ contractId: id, period: '2026-27-Q4', kind: 'FIXED', amount: '1600.00', paidOn: today() });
      expect(errorCode(refusedPayment)).toBe('INVALID_STATE');
      expect(refusedPayment.errors![0].message).toMatch(/TERMINATED/);
      // An earlier period is still settled after the clock has moved on.
      expectOk(await pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '1600.00', paidOn: today() }));
      const { rows } = await app.pool.query(`SELECT status FROM performance_report WHERE id = $1`, [q4.id]);
      expect(rows[0].status).toBe('SUBMITTED');
    });
    const { rows } = await app.pool.query(`SELECT count(*)::int AS n FROM payment WHERE contract_id = $1 AND period = '2026-27-Q4'`, [id]);
    expect(rows[0].n).toBe(0);
  });

  it('pays a suspended contract only for periods that began before the suspension, and again once reactivated', async () => {
    const id = await newContract({ quantity: 8, startDate: '2026-04-01', endDate: '2027-03-31' });
    expectOk(await vary(id, { status: 'SUSPENDED' }, 'Safeguarding review'));
    // Q3 began before the suspension: paid in arrears once it has ended.
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q3', kind: 'FIXED', amount: '1600.00' }))).toBe('PAYMENT_NOT_DUE');
    await later(45, async () => {
      expectOk(await pay({ contractId: id, period: '2026-27-Q3', kind: 'FIXED', amount: '1600.00', paidOn: today() }));
      const q4 = expectOk(await submit(id, '2026-27-Q4')).submitPerformanceReport;
      // Suspension pauses money, not reviews: the report may be approved, but nothing paid for it.
      const earned = expectOk(await approve(q4.id)).approvePerformanceReport.outcomeEarned.amount;
      expect(errorCode(await pay({ contractId: id, period: '2026-27-Q4', kind: 'FIXED', amount: '1600.00', paidOn: today() }))).toBe('INVALID_STATE');
      expect(errorCode(await pay({ contractId: id, period: '2026-27-Q4', kind: 'OUTCOME', amount: '1.00', paidOn: today() }))).toBe('INVALID_STATE');
      expectOk(await vary(id, { status: 'ACTIVE' }, 'Review closed'));
      // Reactivated: Q4's money is payable again (its outcome payment now; its fixed instalment in arrears, from 31 March).
      expectOk(await pay({ contractId: id, period: '2026-27-Q4', kind: 'OUTCOME', amount: earned, paidOn: today() }));
      expect(errorCode(await pay({ contractId: id, period: '2026-27-Q4', kind: 'FIXED', amount: '1600.00', paidOn: today() }))).toBe(
        'PAYMENT_NOT_DUE',
      );
    });
  });

  it('computes the sustainability gap from the varied value, reconciling in GraphQL and CSV', async () => {
    // 10 units at 850.00 against a declared full cost of 1,000.00: committed 8,500.00, gap 1,500.00.
    // A variation is read as units at the order's unit price: committed + gap = full cost, always.
    const small = await registerProvider(app);
    const offer = (await createPublishedOffer(app, small, { unitPrice: '850.00', declaredFullCostPerUnit: '1000.00', capacityPerMonth: 100 })).id;
    const id = await newContract({ quantity: 10, startDate: '2026-04-01', endDate: '2027-03-31' }, offer, small);

    const figures = async () => {
      const gap = expectOk(
        await gql(
          `query ($filter: SpendFilter) { sustainabilityGap(filter: $filter, groupBy: [PROVIDER]) {
             totals { contracts contractsBelowCost committed { amount } declaredFullCost { amount } gap { amount } fullCostCovered } } }`,
          { filter: { providerIds: [small.id] } },
          directorate,
        ),
      ).sustainabilityGap.totals;
      const spend = expectOk(
        await gql(
          `query ($filter: SpendFilter) { spend(filter: $filter, groupBy: [PROVIDER]) { totals { committed { amount } } } }`,
          { filter: { providerIds: [small.id] } },
          directorate,
        ),
      ).spend.totals;
      const csv = await (
        await fetch(`${app.url}/exports/sustainability-gap.csv?groupBy=PROVIDER`, { headers: { authorization: `Bearer ${directorate}` } })
      ).text();
      const line = csv
        .split(/\r?\n/)
        .find((l) => l.startsWith(small.id))!
        .split(',');
      const contract = expectOk(await gql(`query ($id: ID!) { contract(id: $id) { value { amount } } }`, { id }, directorate)).contract;
      expect(contract.value.amount).toBe(gap.committed.amount);
      return { gap, spendCommitted: spend.committed.amount, csv: line.slice(-5) };
    };

    expect(await figures()).toEqual({
      gap: {
        contracts: 1,
        contractsBelowCost: 1,
        committed: { amount: '8500.00' },
        declaredFullCost: { amount: '10000.00' },
        gap: { amount: '1500.00' },
        fullCostCovered: 0.85,
      },
      spendCommitted: '8500.00',
      csv: ['1', '1', '8500.00', '10000.00', '1500.00'],
    });

    // Two more referrals agreed at the same price: full cost and gap grow with the value (11 units).
    expectOk(await vary(id, { value: '9350.00' }, 'Two more referrals agreed', small));
    expect(await figures()).toEqual({
      gap: {
        contracts: 1,
        contractsBelowCost: 1,
        committed: { amount: '9350.00' },
        declaredFullCost: { amount: '11000.00' },
        gap: { amount: '1650.00' },
        fullCostCovered: 0.85,
      },
      spendCommitted: '9350.00',
      csv: ['1', '1', '9350.00', '11000.00', '1650.00'],
    });

    // A value that is not whole units: full cost 9,123.45 x 1,000 / 850 = 10,733.4705... rounded once.
    expectOk(await vary(id, { value: '9123.45' }, 'Part of a referral withdrawn', small));
    expect(await figures()).toEqual({
      gap: {
        contracts: 1,
        contractsBelowCost: 1,
        committed: { amount: '9123.45' },
        declaredFullCost: { amount: '10733.47' },
        gap: { amount: '1610.02' },
        fullCostCovered: 0.85,
      },
      spendCommitted: '9123.45',
      csv: ['1', '1', '9123.45', '10733.47', '1610.02'],
    });

    // The summaries kept by triggers equal a rebuild from scratch.
    const snapshot = () =>
      app.pool.query(
        `SELECT committed_pence::text, full_cost_pence::text, shortfall_pence::text, contracts_below_cost FROM spend_contract_quarter WHERE contract_id = $1`,
        [id],
      );
    const kept = (await snapshot()).rows;
    await app.pool.query('SELECT rebuild_contract_summary()');
    expect((await snapshot()).rows).toEqual(kept);
  });
});
