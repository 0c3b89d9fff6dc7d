import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { awardContract, ContractHandle, setBudget } from './harness/contract-factories';
import { createPublishedOffer, ProviderHandle } from './harness/factories';
import { Agreement, agreementWithSubcontractor, countRows, expectBadInput, placeOrder as placeOrderFor, varyContract } from './harness/hostile';
import { GqlResult, startTestApp, TestApp } from './harness/test-app';

/**
 * The bounds the GraphQL cost analysis counts on (LIST_BOUNDS, the contract horizon), each
 * enforced where the data is written: past a bound the write is refused and nothing is written.
 */
describe('list bounds', () => {
  let app: TestApp;
  let admin: string;
  let a: Agreement;
  let provider: ProviderHandle;
  let commissioner: string;
  let offerId: string;
  let agreement: ContractHandle;
  beforeAll(async () => {
    // The tests fill lists to their caps: hundreds of mutations by one principal.
    app = await startTestApp({ RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000' });
    admin = await app.token({ roles: [Role.ADMIN] });
    a = await agreementWithSubcontractor(app);
    ({ provider, commissioner, offerId, contract: agreement } = a);
  });
  afterAll(async () => {
    await app?.close();
  });

  const count = (sql: string) => countRows(app, sql);
  const placeOrder = (overrides: Record<string, unknown>) => placeOrderFor(app, a, overrides);
  const vary = (changes: Record<string, unknown>) => varyContract(app, a, changes);

  it('refuses contract dates more than 10 years apart in placeOrder and varyContract (BAD_USER_INPUT), writing nothing', async () => {
    const orders = await count(`SELECT count(*)::int AS n FROM service_order`);
    for (const [startDate, endDate] of [
      ['2026-05-01', '2036-05-01'],
      ['0001-01-01', '9999-12-31'],
    ]) {
      const started = Date.now();
      const result = await placeOrder({ startDate, endDate, reportingPeriod: 'MONTHLY' });
      expectBadInput(result, /endDate.*at most 10 years/);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    expect(await count(`SELECT count(*)::int AS n FROM service_order`)).toBe(orders);
    expectBadInput(await vary({ endDate: '2036-04-01' }), /endDate.*at most 10 years.*2036-03-31/);
    expect(await count(`SELECT count(*)::int AS n FROM contract_version WHERE contract_id = '${agreement.id}'`)).toBe(1);
  });

  it('runs a monthly contract of the full 10 years: 120 periods', async () => {
    // Each financial year the contract reaches draws on that year's budget (issue 13).
    for (let year = 2027; year <= 2036; year += 1) await setBudget(app, 'north-west', `${year}-${String(year + 1).slice(2)}`, '100000.00');
    const long = await awardContract(app, commissioner, provider, {
      offerId,
      pduCode: 'liverpool-north',
      quantity: 1,
      startDate: '2026-06-01',
      endDate: '2036-05-31',
      reportingPeriod: 'MONTHLY',
    } as Parameters<typeof awardContract>[3]);
    expect(long.schedule).toHaveLength(120);
  });

  /** Runs `write(i)` for i = 0.. until it fails; returns how many succeeded and the failure. */
  async function fillUntilRefused(write: (i: number) => Promise<GqlResult>, most: number): Promise<{ written: number; refused: GqlResult }> {
    for (let i = 0; i < most; i += 1) {
      const result = await write(i);
      if (result.errors) return { written: i, refused: result };
    }
    throw new Error(`nothing was refused after ${most} writes`);
  }

  it('keeps supply-chain quarters within the contract, so funding and contribution lists are bounded', async () => {
    const funding = (financialYear: string, quarter: number) =>
      app.gql(
        `mutation ($input: ReportFundingPassedDownInput!) { reportFundingPassedDown(input: $input) { id } }`,
        { input: { contractId: agreement.id, subcontractorId: a.subcontractorId, financialYear, quarter, amount: '0.00' } },
        provider.token,
      );
    // The agreement runs 2026-04-01 to 2027-03-31: financial year 2026-27 only.
    expectBadInput(await funding('2040-41', 1), /financialYear.*2026-04-01 to 2027-03-31/);
    expectBadInput(await funding('2025-26', 4), /financialYear/);
    expect(await count(`SELECT count(*)::int AS n FROM funding_passed_down`)).toBe(0);
    const contribution = await app.gql(
      `mutation ($input: ReportContributionInput!) { reportSubcontractorContribution(input: $input) { id } }`,
      {
        input: {
          contractId: agreement.id,
          subcontractorId: a.subcontractorId,
          financialYear: '2099-00',
          quarter: 2,
          contributions: [{ measureId: agreement.measures[0].id, value: 1 }],
        },
      },
      provider.token,
    );
    expectBadInput(contribution, /financialYear/);
    expect(await count(`SELECT count(*)::int AS n FROM subcontractor_contribution WHERE financial_year <> '2026-27'`)).toBe(0);
  });

  it('declares at most 25 subcontractors on a contract', async () => {
    const declared = await count(`SELECT count(*)::int AS n FROM subcontractor WHERE contract_id = '${agreement.id}'`);
    const { written, refused } = await fillUntilRefused(
      (i) =>
        app.gql(
          `mutation ($input: DeclareSubcontractorInput!) { declareSubcontractor(input: $input) { id } }`,
          {
            input: {
              contractId: agreement.id,
              identifier: `GB-CHC-${5_100_000 + i}`,
              name: `Synthetic partner ${i}`,
              tier: 2,
              serviceSummary: 'Synthetic delivery partner.',
            },
          },
          provider.token,
        ),
      40,
    );
    expect(declared + written).toBe(25);
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/at most 25 subcontractors/), extensions: { code: 'INVALID_STATE' } });
  });

  it('varies a contract at most 99 times (100 versions) and versions an offer at most 100 times', async () => {
    const varied = await awardContract(app, commissioner, provider, {
      offerId,
      pduCode: 'liverpool-north',
      quantity: 1,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
    });
    const contractWrites = await fillUntilRefused(
      (i) => varyContract(app, a, { endDate: i % 2 ? '2027-03-31' : '2027-03-30' }, varied.id, i + 1),
      150,
    );
    expect(contractWrites.written).toBe(99);
    expect(contractWrites.refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/at most 100 versions/),
      extensions: { code: 'INVALID_STATE' },
    });
    expect(await count(`SELECT count(*)::int AS n FROM contract_version WHERE contract_id = '${varied.id}'`)).toBe(100);

    const offer = await createPublishedOffer(app, provider);
    const offerWrites = await fillUntilRefused(
      (i) =>
        app.gql(
          `mutation ($id: ID!, $input: UpdateServiceOfferInput!) { updateServiceOffer(id: $id, input: $input) { version } }`,
          { id: offer.id, input: { capacityPerMonth: 20 + (i % 2) } },
          provider.token,
        ),
      150,
    );
    expect(offerWrites.written).toBe(99);
    expect(offerWrites.refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/at most 100 versions/),
      extensions: { code: 'INVALID_STATE' },
    });
  });

  it('holds at most 500 entries in a payment ledger', async () => {
    const payer = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'hostile-payer' });
    const { written, refused } = await fillUntilRefused(
      (i) =>
        app.gql(
          `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
          {
            input: {
              contractId: agreement.id,
              period: agreement.schedule[0].period,
              kind: 'FIXED',
              amount: '0.01',
              paidOn: '2026-11-20',
              reference: `FIN-${i}`,
              idempotencyKey: randomUUID(),
            },
          },
          payer,
        ),
      600,
    );
    expect(written).toBe(500);
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/at most 500 entries/), extensions: { code: 'INVALID_STATE' } });
  }, 60_000);

  it('keeps the outcome-measure library within 200 measures', async () => {
    const { written, refused } = await fillUntilRefused(
      (i) =>
        app.gql(
          `mutation ($input: CreateOutcomeMeasureInput!) { createOutcomeMeasure(input: $input) { code } }`,
          {
            input: {
              code: `SYN-${i}`,
              name: `Synthetic measure ${i}`,
              description: 'A synthetic measure.',
              unit: 'count',
              direction: 'HIGHER_IS_BETTER',
              categories: ['ACCOMMODATION'],
            },
          },
          admin,
        ),
      300,
    );
    expect(written).toBe(200 - 46);
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/at most 200 measures/) });
  }, 30_000);
});
