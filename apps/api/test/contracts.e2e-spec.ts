import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { createPublishedOffer, ProviderHandle, registerProvider } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

const CONTRACT_FIELDS = `id version status value { amount } fixedPart { amount } outcomePart { amount }
  earnedToDate { amount } paidToDate { amount } outstanding { amount }
  outcomeMeasures { id code name unit direction baseline target weight }
  schedule { period startDate endDate fixedDue { amount } outcomeAvailable { amount } outcomeEarned { amount }
             fixedPaid { amount } outcomePaid { amount } paid { amount } reportStatus }
  versions { version changedAt changedBy reason } order { id }
  ratings { financialYear rating score periodsApproved }`;

describe('contracts with outcome-focused terms', () => {
  let app: TestApp;
  let cara: string; // commissioner, north-west: places orders, approves reports
  let colin: string; // second commissioner, north-west: records outcome payments
  let wendy: string; // commissioner, wales
  let directorate: string;
  let provider: ProviderHandle;
  let offerId: string;

  const gql = async (query: string, variables: Record<string, unknown>, token: string) => app.gql(query, variables, token);
  const contractOf = async (id: string, token = cara) =>
    expectOk(await gql(`query ($id: ID!) { contract(id: $id) { ${CONTRACT_FIELDS} } }`, { id }, token)).contract;

  /** Places and accepts an order; returns the contract id. */
  async function newContract(input: Record<string, unknown>): Promise<string> {
    const order = expectOk(
      await gql(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`,
        { input: { offerId, pduCode: 'liverpool-north', idempotencyKey: randomUUID(), ...input } },
        cara,
      ),
    ).placeOrder;
    const accepted = expectOk(
      await gql(`mutation ($id: ID!) { acceptOrder(id: $id) { contract { id } } }`, { id: order.id }, provider.token),
    ).acceptOrder;
    return accepted.contract.id;
  }

  const submit = (contractId: string, period: string, actuals: { measureId: string; value: number }[], token = provider.token) =>
    gql(
      `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id status period submissions } }`,
      { input: { contractId, period, actuals, narrative: `Delivery report for ${period}` } },
      token,
    );
  const approve = (id: string, token = cara) =>
    gql(
      `mutation ($id: ID!) { approvePerformanceReport(id: $id) { id status score outcomeEarned { amount } actuals { measureId achievement } } }`,
      { id },
      token,
    );
  const pay = (input: Record<string, unknown>, token = colin) =>
    gql(
      `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id period kind amount { amount } paidOn recordedBy } }`,
      { input: { paidOn: '2026-11-20', reference: 'FIN-0001', idempotencyKey: randomUUID(), ...input } },
      token,
    );
  const vary = (input: Record<string, unknown>, token = cara) =>
    gql(`mutation ($input: VaryContractInput!) { varyContract(input: $input) { id version status value { amount } endDate } }`, { input }, token);

  beforeAll(async () => {
    app = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    wendy = await app.token({ roles: [Role.COMMISSIONER], regions: ['wales'], sub: 'wendy' });
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
    offerId = (
      await createPublishedOffer(app, provider, {
        unitPrice: '1000.00',
        capacityPerMonth: 1000,
        outcomeCommitments: [
          { measureCode: 'ACC-03', expectedRate: 0.5 },
          { measureCode: 'ACC-06', expectedRate: 0.7 },
        ],
      })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('follows a contract from acceptance through reports, approvals and payments, reconciling to the penny', async () => {
    // GBP 20,000.00 over 2026-27, quarterly, 25% on outcomes: fixed 15,000.00 (3,750.00 a quarter),
    // outcome 5,000.00 (1,250.00 a quarter).
    const id = await newContract({
      quantity: 20,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      outcomeSharePercent: 25,
      outcomeTargets: [
        { measureCode: 'ACC-03', baseline: 0.2, target: 0.6, weight: 60 },
        { measureCode: 'ACC-06', baseline: 0.4, target: 0.2, weight: 40 }, // see below: a lower-is-better reading
      ],
    });
    let contract = await contractOf(id);
    expect(contract).toMatchObject({
      version: 1,
      status: 'ACTIVE',
      value: { amount: '20000.00' },
      fixedPart: { amount: '15000.00' },
      outcomePart: { amount: '5000.00' },
      paidToDate: { amount: '0.00' },
      outstanding: { amount: '20000.00' },
    });
    expect(contract.schedule.map((s: { period: string }) => s.period)).toEqual(['2026-27-Q1', '2026-27-Q2', '2026-27-Q3', '2026-27-Q4']);
    expect(contract.schedule[0]).toMatchObject({ fixedDue: { amount: '3750.00' }, outcomeAvailable: { amount: '1250.00' } });
    expect(contract.versions).toEqual([expect.objectContaining({ version: 1, reason: 'Created from an accepted order' })]);
    const [m1, m2] = contract.outcomeMeasures;
    expect(m1).toMatchObject({ code: 'ACC-03', baseline: 0.2, target: 0.6, weight: 60, direction: 'HIGHER_IS_BETTER' });

    // Q1: 0.5 on ACC-03 -> (0.5-0.2)/(0.6-0.2) = 0.75; ACC-06 (higher is better, target below
    // baseline): met when actual >= 0.2 -> 1. Score 0.6*0.75 + 0.4*1 = 0.85 -> 1,062.50 earned.
    const q1 = expectOk(
      await submit(id, '2026-27-Q1', [
        { measureId: m1.id, value: 0.5 },
        { measureId: m2.id, value: 0.25 },
      ]),
    ).submitPerformanceReport;
    expect(q1).toMatchObject({ status: 'SUBMITTED', submissions: 1 });
    const q1Approved = expectOk(await approve(q1.id)).approvePerformanceReport;
    expect(q1Approved).toMatchObject({ status: 'APPROVED', score: 0.85, outcomeEarned: { amount: '1062.50' } });

    // Q2: returned, corrected, resubmitted, approved. 0.7 on ACC-03 (capped at 1), 0.1 on ACC-06 (missed): score 0.6.
    const q2 = expectOk(
      await submit(id, '2026-27-Q2', [
        { measureId: m1.id, value: 0.9 },
        { measureId: m2.id, value: 0.1 },
      ]),
    ).submitPerformanceReport;
    expect(
      errorCode(
        await submit(id, '2026-27-Q2', [
          { measureId: m1.id, value: 0.7 },
          { measureId: m2.id, value: 0.1 },
        ]),
      ),
    ).toBe('INVALID_STATE');
    const returned = expectOk(
      await gql(
        `mutation ($id: ID!) { returnPerformanceReport(id: $id, reason: "Please check ACC-03 figure") { status returnReason } }`,
        { id: q2.id },
        cara,
      ),
    ).returnPerformanceReport;
    expect(returned).toEqual({ status: 'RETURNED', returnReason: 'Please check ACC-03 figure' });
    const resubmitted = expectOk(
      await submit(id, '2026-27-Q2', [
        { measureId: m1.id, value: 0.7 },
        { measureId: m2.id, value: 0.1 },
      ]),
    ).submitPerformanceReport;
    expect(resubmitted).toMatchObject({ id: q2.id, status: 'SUBMITTED', submissions: 2 });
    expect(expectOk(await approve(q2.id)).approvePerformanceReport.outcomeEarned.amount).toBe('750.00');

    // Fixed instalments for Q1 to Q3 (started), not Q4 (starts 2027-01-01).
    for (const period of ['2026-27-Q1', '2026-27-Q2', '2026-27-Q3']) {
      expectOk(await pay({ contractId: id, period, kind: 'FIXED', amount: '3750.00' }));
    }
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q4', kind: 'FIXED', amount: '3750.00' }))).toBe('PAYMENT_NOT_DUE');
    // Outcome payments, in two parts for Q1, by a commissioner who did not approve the report.
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q1', kind: 'OUTCOME', amount: '1062.50' }, cara))).toBe('SEPARATION_OF_DUTIES');
    expectOk(await pay({ contractId: id, period: '2026-27-Q1', kind: 'OUTCOME', amount: '1000.00' }));
    expectOk(await pay({ contractId: id, period: '2026-27-Q1', kind: 'OUTCOME', amount: '62.50' }));
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q1', kind: 'OUTCOME', amount: '0.01' }))).toBe('OVERPAYMENT');
    expectOk(await pay({ contractId: id, period: '2026-27-Q2', kind: 'OUTCOME', amount: '750.00' }));
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q3', kind: 'OUTCOME', amount: '1.00' }))).toBe('PAYMENT_NOT_DUE');

    contract = await contractOf(id);
    expect(contract).toMatchObject({
      earnedToDate: { amount: '1812.50' },
      paidToDate: { amount: '13062.50' }, // 3 x 3,750 + 1,062.50 + 750
      outstanding: { amount: '6937.50' },
    });
    // Reconcile with the ledger and the schedule, in pence, straight from the database.
    const { rows } = await app.pool.query(
      `SELECT sum(amount_pence)::text AS paid, sum(amount_pence) FILTER (WHERE kind = 'OUTCOME')::text AS outcome FROM payment WHERE contract_id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ paid: '1306250', outcome: '181250' });
    const schedulePaid = contract.schedule.reduce((s: number, p: { paid: { amount: string } }) => s + Math.round(Number(p.paid.amount) * 100), 0);
    expect(schedulePaid).toBe(1306250);
    expect(contract.schedule[1]).toMatchObject({ outcomeEarned: { amount: '750.00' }, outcomePaid: { amount: '750.00' }, reportStatus: 'APPROVED' });
    expect(contract.ratings).toEqual([
      { financialYear: '2026-27', rating: 'APPROACHING_TARGET', score: 0.725, periodsApproved: 2 },
      { financialYear: 'contract', rating: 'APPROACHING_TARGET', score: 0.725, periodsApproved: 2 },
    ]);
  });

  it('corrects a payment with a reversing entry, never an edit', async () => {
    const id = await newContract({ quantity: 4, startDate: '2026-04-01', endDate: '2026-09-30' });
    const payment = expectOk(await pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '1600.00' })).recordPayment;
    const reverse = (key = randomUUID()) =>
      gql(
        `mutation ($input: ReversePaymentInput!) { reversePayment(input: $input) { amount { amount } reversesPaymentId period kind } }`,
        { input: { paymentId: payment.id, reason: 'Paid to the wrong account', idempotencyKey: key } },
        colin,
      );
    expect(expectOk(await reverse()).reversePayment).toEqual({
      amount: { amount: '-1600.00' },
      reversesPaymentId: payment.id,
      period: '2026-27-Q1',
      kind: 'FIXED',
    });
    expect(errorCode(await reverse())).toBe('INVALID_STATE');
    expect((await contractOf(id)).paidToDate.amount).toBe('0.00');
    expectOk(await pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '1600.00' }));
    await expect(app.pool.query(`UPDATE payment SET amount_pence = 1 WHERE contract_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(app.pool.query(`DELETE FROM payment WHERE contract_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('varies a contract: new version, budget commitment moves, history is protected', async () => {
    const id = await newContract({ quantity: 10, startDate: '2026-04-01', endDate: '2026-12-31', reportingPeriod: 'MONTHLY' });
    const budgetOf = async () =>
      expectOk(await gql(`{ budgets(filter: { financialYears: ["2026-27"], regionCodes: ["north-west"] }) { committed { amount } } }`, {}, cara))
        .budgets[0].committed.amount;
    const committedBefore = Number(await budgetOf());
    const contract = await contractOf(id);
    expect(contract.schedule).toHaveLength(9);

    const varied = expectOk(
      await vary({
        contractId: id,
        expectedVersion: 1,
        changes: {
          value: '12000.00',
          endDate: '2027-02-28',
          outcomeMeasures: [
            { id: contract.outcomeMeasures[0].id, target: 0.55, weight: 60 },
            { id: contract.outcomeMeasures[1].id, weight: 40 },
          ],
        },
        reason: 'Extended to cover winter demand',
      }),
    ).varyContract;
    expect(varied).toMatchObject({ version: 2, value: { amount: '12000.00' }, endDate: '2027-02-28' });
    expect(Number(await budgetOf()) - committedBefore).toBe(2000);
    const after = await contractOf(id);
    expect(after.schedule).toHaveLength(11);
    expect(after.versions.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([
      [1, 'Created from an accepted order'],
      [2, 'Extended to cover winter demand'],
    ]);
    expect(after.outcomeMeasures.map((m: { target: number; weight: number }) => [m.target, m.weight])).toEqual([
      [0.55, 60],
      [0.7, 40],
    ]);

    expect(errorCode(await vary({ contractId: id, expectedVersion: 1, changes: { status: 'SUSPENDED' }, reason: 'Stale' }))).toBe('CONFLICT');
    expect(errorCode(await vary({ contractId: id, expectedVersion: 2, changes: { value: '99999999.00' }, reason: 'Too much' }))).toBe(
      'BUDGET_EXCEEDED',
    );
    expect(
      errorCode(
        await vary({
          contractId: id,
          expectedVersion: 2,
          changes: { outcomeMeasures: [{ id: contract.outcomeMeasures[0].id, weight: 70 }] },
          reason: 'Bad weights',
        }),
      ),
    ).toBe('BAD_USER_INPUT');

    expectOk(await pay({ contractId: id, period: '2026-04', kind: 'FIXED', amount: '800.00' }));
    const shrink = await vary({ contractId: id, expectedVersion: 2, changes: { value: '1000.00' }, reason: 'Cut' });
    expect(errorCode(shrink)).toBe('INVALID_VARIATION');
    const drop = await vary({ contractId: id, expectedVersion: 2, changes: { endDate: '2026-03-31' }, reason: 'Before start' });
    expect(errorCode(drop)).toBe('BAD_USER_INPUT');

    expect(
      expectOk(await vary({ contractId: id, expectedVersion: 2, changes: { status: 'TERMINATED' }, reason: 'Provider closing' })).varyContract.status,
    ).toBe('TERMINATED');
    expect(errorCode(await vary({ contractId: id, expectedVersion: 3, changes: { status: 'ACTIVE' }, reason: 'Reopen' }))).toBe('INVALID_STATE');
    expect(Number(await budgetOf()) - committedBefore).toBe(2000);
  });

  it('lets exactly one of two concurrent variations with the same expected version win', async () => {
    const id = await newContract({ quantity: 2, startDate: '2026-04-01', endDate: '2026-12-31' });
    for (let round = 1; round <= 4; round++) {
      const results = await Promise.all([
        vary({ contractId: id, expectedVersion: round, changes: { endDate: `2027-0${round}-15` }, reason: `Variation A${round}` }, cara),
        vary({ contractId: id, expectedVersion: round, changes: { endDate: `2027-0${round}-20` }, reason: `Variation B${round}` }, colin),
      ]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      const loser = results.find((r) => r.errors)!;
      expect(errorCode(loser)).toBe('CONFLICT');
      expect(loser.errors![0].message).toContain(`is at version ${round + 1}`);
    }
    const contract = await contractOf(id);
    expect(contract.version).toBe(5);
    expect(contract.versions).toHaveLength(5);
  });

  it('records one payment for two concurrent calls with the same idempotency key', async () => {
    const id = await newContract({ quantity: 3, startDate: '2026-04-01', endDate: '2026-06-30' });
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '1200.00', idempotencyKey: key })),
    );
    const ids = new Set(results.map((r) => expectOk(r).recordPayment.id));
    expect(ids.size).toBe(1);
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM payment WHERE contract_id = $1', [id]);
    expect(rows[0].n).toBe(1);
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '1.00', idempotencyKey: key }))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('never lets concurrent payments together exceed what is due', async () => {
    const id = await newContract({ quantity: 5, startDate: '2026-04-01', endDate: '2026-06-30', outcomeSharePercent: 0 });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '1000.00' })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(5);
    expect(results.filter((r) => errorCode(r) === 'OVERPAYMENT')).toHaveLength(3);
  });

  it('keeps payments to commissioners of the region and contracts out of other regions', async () => {
    const id = await newContract({ quantity: 1, startDate: '2026-04-01', endDate: '2026-06-30' });
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '1.00' }, provider.token))).toBe('FORBIDDEN');
    expect(errorCode(await pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '1.00' }, wendy))).toBe('NOT_FOUND');
    expect(errorCode(await gql(`query ($id: ID!) { contract(id: $id) { id } }`, { id }, wendy))).toBe('NOT_FOUND');
    expect(expectOk(await gql(`{ contracts(first: 100) { totalCount } }`, {}, wendy)).contracts.totalCount).toBe(0);
    const other = await registerProvider(app);
    expect(errorCode(await gql(`query ($id: ID!) { contract(id: $id) { id } }`, { id }, other.token))).toBe('NOT_FOUND');
    expect(errorCode(await submit(id, '2026-27-Q1', [], other.token))).toBe('BAD_USER_INPUT');
    const contract = await contractOf(id);
    const actuals = contract.outcomeMeasures.map((m: { id: string }) => ({ measureId: m.id, value: 0.5 }));
    expect(errorCode(await submit(id, '2026-27-Q1', actuals, other.token))).toBe('NOT_FOUND');
    expect(expectOk(await gql(`query ($id: ID!) { contract(id: $id) { id } }`, { id }, directorate)).contract.id).toBe(id);
    expect(expectOk(await gql(`query ($id: ID!) { contract(id: $id) { id } }`, { id }, provider.token)).contract.id).toBe(id);
    expect(errorCode(await vary({ contractId: id, expectedVersion: 1, changes: { status: 'SUSPENDED' }, reason: 'Not mine' }, wendy))).toBe(
      'NOT_FOUND',
    );
    expect(
      errorCode(await vary({ contractId: id, expectedVersion: 1, changes: { status: 'SUSPENDED' }, reason: 'Not allowed' }, provider.token)),
    ).toBe('FORBIDDEN');
  });

  it('validates reports: known period, started, one actual per measure', async () => {
    const id = await newContract({ quantity: 1, startDate: '2026-10-01', endDate: '2027-03-31' });
    const contract = await contractOf(id);
    const actuals = contract.outcomeMeasures.map((m: { id: string }) => ({ measureId: m.id, value: 0.4 }));
    expect(errorCode(await submit(id, '2026-27-Q1', actuals))).toBe('BAD_USER_INPUT');
    expect(errorCode(await submit(id, '2026-27-Q4', actuals))).toBe('BAD_USER_INPUT'); // not started
    expect(errorCode(await submit(id, '2026-27-Q3', actuals.slice(1)))).toBe('BAD_USER_INPUT');
    const report = expectOk(await submit(id, '2026-27-Q3', actuals)).submitPerformanceReport;
    expect(errorCode(await approve(report.id, wendy))).toBe('NOT_FOUND');
    expect(errorCode(await approve(report.id, provider.token))).toBe('FORBIDDEN');
    expectOk(await approve(report.id));
    expect(errorCode(await approve(report.id))).toBe('INVALID_STATE');
  });

  it('records the supply chain: tiers, funding passed down within what the prime was paid', async () => {
    const id = await newContract({ quantity: 10, startDate: '2026-04-01', endDate: '2027-03-31' });
    const declare = (input: Record<string, unknown>) =>
      gql(
        `mutation ($input: DeclareSubcontractorInput!) { declareSubcontractor(input: $input) { id tier parentId identifier charityNumber companyNumber } }`,
        { input: { contractId: id, name: 'Synthetic Partner', serviceSummary: 'Peer mentoring sessions', ...input } },
        provider.token,
      );
    const tier2 = expectOk(await declare({ identifier: 'GB-CHC-9912345', tier: 2 })).declareSubcontractor;
    expect(tier2).toMatchObject({ tier: 2, parentId: null, charityNumber: '9912345' });
    const tier3 = expectOk(await declare({ identifier: 'GB-COH-99123456', tier: 3, parentSubcontractorId: tier2.id })).declareSubcontractor;
    expect(tier3).toMatchObject({ tier: 3, parentId: tier2.id, companyNumber: '99123456' });
    expect(errorCode(await declare({ identifier: 'GB-CHC-9912346', tier: 3 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await declare({ identifier: 'GB-CHC-12', tier: 2 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await declare({ identifier: 'GB-CHC-9912345', tier: 2 }))).toBe('CONFLICT');

    const fund = (subcontractorId: string, amount: string, quarter = 1) =>
      gql(
        `mutation ($input: ReportFundingPassedDownInput!) { reportFundingPassedDown(input: $input) { id totalFundingPassedDown { amount } } }`,
        { input: { contractId: id, subcontractorId, financialYear: '2026-27', quarter, amount } },
        provider.token,
      );
    expect(errorCode(await fund(tier2.id, '100.00'))).toBe('FUNDING_EXCEEDS_PAYMENTS'); // nothing paid yet
    expectOk(await pay({ contractId: id, period: '2026-27-Q1', kind: 'FIXED', amount: '2000.00' }));
    expect(expectOk(await fund(tier2.id, '1500.00')).reportFundingPassedDown.totalFundingPassedDown.amount).toBe('1500.00');
    expect(errorCode(await fund(tier2.id, '600.00', 2))).toBe('FUNDING_EXCEEDS_PAYMENTS'); // 2,100 > 2,000 paid
    expect(errorCode(await fund(tier3.id, '1500.01'))).toBe('FUNDING_EXCEEDS_PAYMENTS'); // more than its tier 2 got
    expectOk(await fund(tier3.id, '900.00'));
    const contract = await contractOf(id);
    const contribution = await gql(
      `mutation ($input: ReportContributionInput!) { reportSubcontractorContribution(input: $input) { contributions { measureId value quarter } } }`,
      {
        input: {
          contractId: id,
          subcontractorId: tier2.id,
          financialYear: '2026-27',
          quarter: 1,
          contributions: [{ measureId: contract.outcomeMeasures[0].id, value: 0.3 }],
        },
      },
      provider.token,
    );
    expect(expectOk(contribution).reportSubcontractorContribution.contributions).toEqual([
      { measureId: contract.outcomeMeasures[0].id, value: 0.3, quarter: 1 },
    ]);
    const seen = expectOk(
      await gql(`query ($id: ID!) { contract(id: $id) { subcontractors { tier name totalFundingPassedDown { amount } } } }`, { id }, directorate),
    ).contract.subcontractors;
    expect(seen).toEqual([
      { tier: 2, name: 'Synthetic Partner', totalFundingPassedDown: { amount: '1500.00' } },
      { tier: 3, name: 'Synthetic Partner', totalFundingPassedDown: { amount: '900.00' } },
    ]);
    // A correction that would leave tier 3 with more than its tier 2 received is refused too.
    expect(errorCode(await fund(tier2.id, '1.00'))).toBe('FUNDING_EXCEEDS_PAYMENTS');
    const wrongProvider = await registerProvider(app);
    expect(
      errorCode(
        await gql(
          `mutation ($input: DeclareSubcontractorInput!) { declareSubcontractor(input: $input) { id } }`,
          { input: { contractId: id, identifier: 'GB-CHC-9912399', name: 'Other Partner', tier: 2, serviceSummary: 'Something' } },
          wrongProvider.token,
        ),
      ),
    ).toBe('NOT_FOUND');
  });

  it("shows a provider's recent contracts in one statement per page", async () => {
    const result = await app.gql(
      `{ serviceOffers(first: 50) { edges { node { id provider { id recentContracts(first: 3) { id value { amount } } } } } } }`,
      {},
      cara,
    );
    const edges = expectOk(result).serviceOffers.edges;
    expect(edges[0].node.provider.recentContracts.length).toBe(3);
    expect(Number(result.headers.get('x-sql-statements'))).toBe(3);
  });
});
