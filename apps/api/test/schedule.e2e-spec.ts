import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { Clock } from '@mkt/common';
import { awardContract, createPublishedOffer, setBudget, varyAndAgree } from './harness/contract-factories';
import { ProviderHandle, registerProvider } from './harness/factories';
import { errorCode, expectOk, GqlResult, startTestApp, TestApp } from './harness/test-app';

/**
 * Instalments that follow the service (issue 13): pro-rata periods by days, fixed instalments in
 * arrears unless an advance schedule was agreed (small providers only), and a no-cost extension
 * that re-spreads only the unpaid money.
 */
describe('a schedule that follows the service', () => {
  let app: TestApp;
  let cara: string;
  let small: ProviderHandle;
  let large: ProviderHandle;
  let smallOffer: string;
  let largeOffer: string;

  /** Moves the app's clock to a day (noon UTC), as if the test ran then. */
  const setToday = (date: string) => {
    const clock = app.nest.get(Clock);
    clock.advance(Date.parse(`${date}T12:00:00Z`) - clock.now().getTime());
  };
  const SCHEDULE = `schedule { period startDate endDate dueOn fixedDue { amount } outcomeAvailable { amount } fixedPaid { amount } }`;
  const contractOf = async (id: string) =>
    expectOk(await app.gql(`query ($id: ID!) { contract(id: $id) { version value { amount } endDate advancePayment ${SCHEDULE} } }`, { id }, cara))
      .contract;
  const amounts = (periods: { fixedDue: { amount: string } }[]) => periods.map((p) => p.fixedDue.amount);
  const outcomes = (periods: { outcomeAvailable: { amount: string } }[]) => periods.map((p) => p.outcomeAvailable.amount);
  const pay = (contractId: string, period: string, amount: string, paidOn: string): Promise<GqlResult> =>
    app.gql(
      `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
      { input: { contractId, period, kind: 'FIXED', amount, paidOn, reference: `FIN-${paidOn}`, idempotencyKey: randomUUID() } },
      cara,
    );

  beforeAll(async () => {
    // About schedules and variations, not approval: the provider's running total passes the default
    // scheme of delegation, so orders go straight to it (delegation: award-routes.e2e-spec.ts).
    app = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0', DELEGATION_SCHEME: 'PEER_COMMISSIONER:10000000.00' });
    setToday('2026-12-03');
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    await setBudget(app, 'north-west', '2026-27', '200000.00');
    await setBudget(app, 'north-west', '2027-28', '200000.00'); // contracts running into next year draw on its budget too
    small = await registerProvider(app, { incomeBand: 'UNDER_100K' });
    large = await registerProvider(app, { incomeBand: 'OVER_10M' });
    smallOffer = (await createPublishedOffer(app, small, { unitPrice: '1000.00', capacityPerMonth: 100 })).id;
    largeOffer = (await createPublishedOffer(app, large, { unitPrice: '1000.00', capacityPerMonth: 100 })).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('spreads a 1 December start by days: the first quarter is 31/92 of a share', async () => {
    // 12,000.00 from 1 December 2026 to 30 November 2027, 25% on outcomes: fixed 9,000.00, outcome 3,000.00.
    // Shares 31/92 (Dec), 1, 1, 1, 61/92 (Oct-Nov) = 4: 9,000.00 x (31/92) / 4 = 758.15 (rounded down).
    const large25 = await awardContract(app, cara, large, {
      offerId: largeOffer,
      pduCode: 'liverpool-north',
      quantity: 12,
      startDate: '2026-12-01',
      endDate: '2027-11-30',
      outcomeSharePercent: 25,
    });
    const c = await contractOf(large25.id);
    expect(c.schedule.map((p: { period: string }) => p.period)).toEqual(['2026-27-Q3', '2026-27-Q4', '2027-28-Q1', '2027-28-Q2', '2027-28-Q3']);
    expect(amounts(c.schedule)).toEqual(['758.15', '2250.00', '2250.00', '2250.00', '1491.85']);
    expect(outcomes(c.schedule)).toEqual(['252.71', '750.00', '750.00', '750.00', '497.29']);
    expect(c.schedule[0]).toMatchObject({ startDate: '2026-10-01', endDate: '2026-12-31', dueOn: '2026-12-31' });
    expect(c.schedule[4]).toMatchObject({ endDate: '2027-12-31', dueOn: '2027-11-30' }); // the contract's last day
  });

  it('pays fixed instalments in arrears, from the period’s last day', async () => {
    const c = await awardContract(app, cara, large, {
      offerId: largeOffer,
      pduCode: 'liverpool-north',
      quantity: 8,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      outcomeSharePercent: 0,
    });
    expect((await contractOf(c.id)).advancePayment).toBe(false);
    const early = await pay(c.id, '2026-27-Q2', '2000.00', '2026-09-29');
    expect(errorCode(early)).toBe('PAYMENT_NOT_DUE');
    expect(early.errors?.[0].extensions).toMatchObject({ payableFrom: '2026-09-30' });
    // The quarter under way (ends 31 December) cannot be paid today, 3 December.
    expect(errorCode(await pay(c.id, '2026-27-Q3', '2000.00', '2026-12-03'))).toBe('PAYMENT_NOT_DUE');
    expectOk(await pay(c.id, '2026-27-Q2', '2000.00', '2026-09-30'));
    const { rows } = await app.pool.query(`SELECT period, amount_pence::text FROM payment WHERE contract_id = $1`, [c.id]);
    expect(rows).toEqual([{ period: '2026-27-Q2', amount_pence: '200000' }]);
  });

  it('lets a small provider agree an advance schedule: payable from the period’s first day', async () => {
    const c = await awardContract(app, cara, small, {
      offerId: smallOffer,
      pduCode: 'liverpool-north',
      quantity: 8,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      advancePayment: true,
    });
    const order = expectOk(await app.gql(`query ($id: ID!) { contract(id: $id) { advancePayment order { id } } }`, { id: c.id }, cara)).contract;
    expect(order.advancePayment).toBe(true);
    const placed = expectOk(await app.gql(`query ($id: ID!) { order(id: $id) { advancePayment } }`, { id: order.order.id }, cara)).order;
    expect(placed.advancePayment).toBe(true);
    expect(errorCode(await pay(c.id, '2026-27-Q3', '2000.00', '2026-09-30'))).toBe('PAYMENT_NOT_DUE'); // before the period
    expectOk(await pay(c.id, '2026-27-Q3', '2000.00', '2026-10-01'));
  });

  it('refuses an advance schedule for a provider with income over GBP 1m, writing nothing', async () => {
    const before = (await app.pool.query(`SELECT count(*)::int AS n FROM service_order`)).rows[0].n;
    const refused = await app.gql(
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
      {
        input: {
          offerId: largeOffer,
          pduCode: 'liverpool-north',
          quantity: 2,
          startDate: '2026-04-01',
          endDate: '2027-03-31',
          advancePayment: true,
          idempotencyKey: randomUUID(),
        },
      },
      cara,
    );
    expect(errorCode(refused)).toBe('ADVANCE_PAYMENT_NOT_ALLOWED');
    expect(refused.errors?.[0].extensions).toMatchObject({ field: 'advancePayment' });
    expect((await app.pool.query(`SELECT count(*)::int AS n FROM service_order`)).rows[0].n).toBe(before);
  });

  it('re-spreads only the unpaid money over a no-cost extension', async () => {
    // 8,000.00 over 2026-27, 20% on outcomes: fixed 1,600.00 and outcome 400.00 a quarter.
    const c = await awardContract(app, cara, large, {
      offerId: largeOffer,
      pduCode: 'liverpool-north',
      quantity: 8,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      outcomeSharePercent: 20,
    });
    expectOk(await pay(c.id, '2026-27-Q1', '1600.00', '2026-06-30'));
    // On 3 December: Q1 is paid, Q2 has ended (unpaid); both keep their amounts. The other 3,200.00 fixed
    // and 800.00 outcome spread over Q3, Q4 and the new 2027-28-Q1: 1,066.66, 1,066.66, 1,066.68 and 266.66, 266.66, 266.68.
    // (Spread again in full, 1,280.00 a quarter, Q1's instalment would fall below the 1,600.00 paid.)
    const varied = expectOk(
      await varyAndAgree(app, cara, large.token, {
        contractId: c.id,
        expectedVersion: 1,
        changes: { endDate: '2027-06-30' },
        reason: 'No-cost extension: referrals started late',
      }),
    ).varyContract;
    expect(varied).toMatchObject({ version: 2, value: { amount: '8000.00' }, endDate: '2027-06-30' });
    const after = await contractOf(c.id);
    expect(amounts(after.schedule)).toEqual(['1600.00', '1600.00', '1066.66', '1066.66', '1066.68']);
    expect(outcomes(after.schedule)).toEqual(['400.00', '400.00', '266.66', '266.66', '266.68']);
    const total = after.schedule.reduce(
      (sum: bigint, p: { fixedDue: { amount: string }; outcomeAvailable: { amount: string } }) =>
        sum + BigInt(p.fixedDue.amount.replace('.', '')) + BigInt(p.outcomeAvailable.amount.replace('.', '')),
      0n,
    );
    expect(total).toBe(800_000n); // to the penny
    const { rows } = await app.pool.query(`SELECT frozen_periods FROM contract WHERE id = $1`, [c.id]);
    expect(rows[0].frozen_periods).toEqual([
      { period: '2026-27-Q1', fixed: '160000', outcome: '40000' },
      { period: '2026-27-Q2', fixed: '160000', outcome: '40000' },
    ]);
  });

  it('releases the instalments of the periods after a termination from their year', async () => {
    // 8,000.00 over 2026-27, 20% on outcomes: 1,600.00 fixed and 400.00 outcome a quarter. Terminated on
    // 3 December, during Q3: Q4 (from 1 January) can no longer be paid, so its 2,000.00 leaves the
    // 2026-27 commitment and returns to the budget; Q1 to Q3 stay payable.
    const c = await awardContract(app, cara, large, {
      offerId: largeOffer,
      pduCode: 'liverpool-north',
      quantity: 8,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      outcomeSharePercent: 20,
    });
    const committed = async () =>
      expectOk(await app.gql(`{ budgets(filter: { financialYears: ["2026-27"], regionCodes: ["north-west"] }) { committed { amount } } }`, {}, cara))
        .budgets[0].committed.amount as string;
    const before = await committed();
    const terminated = expectOk(
      await app.gql(
        `mutation ($input: VaryContractInput!) { varyContract(input: $input) { status value { amount } budgetPhases { financialYear committed { amount } released { amount } } } }`,
        { input: { contractId: c.id, expectedVersion: 1, changes: { status: 'TERMINATED' }, reason: 'Provider closing the service' } },
        cara,
      ),
    ).varyContract;
    expect(terminated).toMatchObject({ status: 'TERMINATED', value: { amount: '8000.00' } }); // the agreed value stays on record
    expect(terminated.budgetPhases).toEqual([{ financialYear: '2026-27', committed: { amount: '6000.00' }, released: { amount: '2000.00' } }]);
    expect(Number(before) - Number(await committed())).toBe(2000);
    expect(errorCode(await pay(c.id, '2026-27-Q4', '1600.00', '2026-12-03'))).toBe('INVALID_STATE');
    expectOk(await pay(c.id, '2026-27-Q2', '1600.00', '2026-10-15'));
  });

  it('stops the instalments of the suspended days and releases them from their year', async () => {
    // 8,000.00 over 2026-27, 20% on outcomes: 1,600.00 + 400.00 a quarter. Suspended on 1 November,
    // active again on 1 December: 30 of Q3's 92 days earn nothing. Q3 becomes 1,600.00 x 62/92 =
    // 1,078.26 fixed and 400.00 x 62/92 = 269.57 outcome; the 652.17 difference leaves 2026-27's commitment.
    setToday('2026-11-01');
    const c = await awardContract(app, cara, large, {
      offerId: largeOffer,
      pduCode: 'liverpool-north',
      quantity: 8,
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      outcomeSharePercent: 20,
    });
    const status = (expectedVersion: number, to: string) =>
      app.gql(
        `mutation ($input: VaryContractInput!) { varyContract(input: $input) { status budgetPhases { committed { amount } released { amount } } } }`,
        { input: { contractId: c.id, expectedVersion, changes: { status: to }, reason: `Now ${to}` } },
        cara,
      );
    expectOk(await status(1, 'SUSPENDED'));
    setToday('2026-12-01');
    const active = expectOk(await status(2, 'ACTIVE')).varyContract;
    setToday('2026-12-03');
    expect(active.budgetPhases).toEqual([{ committed: { amount: '7347.83' }, released: { amount: '652.17' } }]);
    const after = await contractOf(c.id);
    expect(amounts(after.schedule)).toEqual(['1600.00', '1600.00', '1078.26', '1600.00']);
    expect(outcomes(after.schedule)).toEqual(['400.00', '400.00', '269.57', '400.00']);
    expect(after.value.amount).toBe('8000.00'); // the agreed value stays on record
  });
});
