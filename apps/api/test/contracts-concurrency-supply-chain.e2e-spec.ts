import { randomUUID } from 'node:crypto';
import { registerProvider } from './harness/factories';
import { errorCode, expectOk } from './harness/test-app';
import {
  app,
  approve,
  cara,
  colin,
  contractOf,
  directorate,
  gql,
  pay,
  provider,
  submit,
  newContract,
  useContractsWorld,
  vary,
  wendy,
} from './harness/contracts-world';

describe('contracts: concurrency, tenancy, validation and the supply chain', () => {
  useContractsWorld();

  it('lets exactly one of two concurrent variations with the same expected version win', async () => {
    const id = await newContract({ quantity: 2, startDate: '2026-04-01', endDate: '2026-12-31' });
    for (let round = 1; round <= 4; round++) {
      const results = await Promise.all([
        vary({ contractId: id, expectedVersion: round, changes: { endDate: `2027-0${round}-15` }, reason: `Variation A${round}` }, cara),
        vary({ contractId: id, expectedVersion: round, changes: { endDate: `2027-0${round}-20` }, reason: `Variation B${round}` }, colin),
      ]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      const loser = results.find((r) => r.errors)!;
      // Variations are two-sided (each call here proposes, then the provider agrees): the loser is
      // refused as a second open proposal while the winner's waits (VARIATION_PENDING), or as stale
      // once the winner's is agreed (CONFLICT, naming the version). Either way nothing of it applies.
      const code = errorCode(loser);
      expect(['VARIATION_PENDING', 'CONFLICT']).toContain(code);
      if (code === 'CONFLICT') expect(loser.errors![0].message).toContain(`is at version ${round + 1}`);
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
