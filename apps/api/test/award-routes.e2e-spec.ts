import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { addDays, Clock, financialYearOf } from '@mkt/common';
import { createPublishedOffer, ProviderHandle, registerProvider } from './harness/factories';
import { contract, recordPayment } from './harness/contract-factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

/**
 * Issue 13: lawful award routes (Procurement Act 2023, light-touch), running totals per provider,
 * category, region and financial year, the scheme of delegation, conflicts of interest and
 * retrospective orders, through the public API. Dates are relative to the app's clock (the rule on
 * past start dates is enforced here, as in production).
 */
const FIELDS = `id status total { amount } runningTotal { amount } awardFlags approvalLevel awardRationale awardJustification
  frameworkReference responseDueAt approvalDueAt`;
const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { ${FIELDS} } }`;
const CHECK = `query ($input: AwardCheckInput!) { awardCheck(input: $input) {
  runningTotal { amount } total { amount } flags approvalLevel refusal refusalCode } }`;
const JUSTIFIED = 'Approved premises closed by fire; bed spaces are needed from Monday for eleven people.';

let app: TestApp;
let cara: string; // commissioner, north-west
let colin: string; // second commissioner, north-west
let rita: string; // regional director (and commissioner), north-west
let cora: string; // commercial directorate
let directorate: string;

const today = () => app.nest.get(Clock).today();
const day = (offset: number) =>
  addDays(new Date(`${today()}T00:00:00Z`), offset)
    .toISOString()
    .slice(0, 10);

async function fundYear(fy: string): Promise<void> {
  expectOk(
    await app.gql(
      `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { id } }`,
      { input: { regionCode: 'north-west', financialYear: fy, amount: '50000000.00' } },
      directorate,
    ),
  );
}

/** A new provider with one published offer at this unit price: its own running totals. */
async function offerAt(unitPrice: string): Promise<{ provider: ProviderHandle; offerId: string }> {
  const provider = await registerProvider(app, { regionCodes: ['north-west'] });
  const offer = await createPublishedOffer(app, provider, { unitPrice, declaredFullCostPerUnit: unitPrice, capacityPerMonth: 100_000 });
  return { provider, offerId: offer.id };
}

function terms(offerId: string, quantity: number, extra: Record<string, unknown> = {}) {
  const startDate = (extra.startDate as string | undefined) ?? day(7);
  return { offerId, pduCode: 'liverpool-north', quantity, startDate, endDate: addDaysIso(startDate, 60), ...extra };
}
const addDaysIso = (date: string, days: number) =>
  addDays(new Date(`${date}T00:00:00Z`), days)
    .toISOString()
    .slice(0, 10);

const place = (offerId: string, quantity: number, extra: Record<string, unknown> = {}, token = cara) =>
  app.gql(PLACE, { input: { ...terms(offerId, quantity, extra), idempotencyKey: randomUUID() } }, token);
const check = (offerId: string, quantity: number, extra: Record<string, unknown> = {}, token = cara) =>
  app.gql(CHECK, { input: terms(offerId, quantity, extra) }, token);
const approve = (id: string, token: string) => app.gql(`mutation ($id: ID!) { approveOrder(id: $id) { id status } }`, { id }, token);
const ordersOf = async (offerId: string) =>
  (await app.pool.query('SELECT count(*)::int AS n FROM service_order WHERE offer_id = $1', [offerId])).rows[0].n as number;

beforeAll(async () => {
  app = await startTestApp({ RETROSPECTIVE_ORDERS: 'enforce', ORDER_EXPIRY_SWEEP_SECONDS: '0' });
  cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
  colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
  rita = await app.token({ roles: [Role.COMMISSIONER, Role.REGIONAL_DIRECTOR], regions: ['north-west'], sub: 'rita' });
  cora = await app.token({ roles: [Role.COMMERCIAL], sub: 'cora' });
  directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dee' });
  for (const offset of [-31, -30, -10, 7]) await fundYear(financialYearOf(day(offset)));
});

afterAll(async () => {
  await app?.close();
});

describe('award routes (Procurement Act 2023, light-touch)', () => {
  it('refuses a below-threshold direct award once the value reaches LIGHT_TOUCH_THRESHOLD, and writes nothing', async () => {
    const { offerId } = await offerAt('50000.00');
    const refused = await place(offerId, 14); // 700,000.00 including VAT
    expect(errorCode(refused)).toBe('AWARD_ROUTE_NOT_ALLOWED');
    expect(refused.errors![0].message).toMatch(/under GBP 663,540\.00 including VAT.*GBP 700,000\.00/);
    expect(refused.errors![0].extensions).toMatchObject({ runningTotal: '700000.00', lightTouchThreshold: '663540.00' });
    expect(await ordersOf(offerId)).toBe(0);
    // Just below the threshold is a lawful direct award (which the scheme of delegation sends to COMMERCIAL).
    const below = expectOk(await place(offerId, 13)).placeOrder; // 650,000.00
    expect(below).toMatchObject({ status: 'PENDING_APPROVAL', approvalLevel: 'COMMERCIAL', awardRationale: 'LIGHT_TOUCH_DIRECT_AWARD' });
  });

  it('needs a justification of at least 30 characters for a Schedule 5 ground, and keeps it on the order', async () => {
    const { offerId } = await offerAt('50000.00');
    for (const awardJustification of [undefined, 'Urgent.']) {
      const refused = await place(offerId, 14, { awardRationale: 'URGENT_NEED', awardJustification });
      expect(errorCode(refused)).toBe('AWARD_ROUTE_NOT_ALLOWED');
      expect(refused.errors![0].message).toMatch(/Schedule 5\).*at least 30 characters/);
    }
    // At any value: a Schedule 5 ground is a claim that needs its reasons, even for a small order.
    expect(errorCode(await place(offerId, 1, { awardRationale: 'ONLY_SUITABLE_PROVIDER' }))).toBe('AWARD_ROUTE_NOT_ALLOWED');
    const order = expectOk(await place(offerId, 14, { awardRationale: 'URGENT_NEED', awardJustification: JUSTIFIED })).placeOrder;
    expect(order).toMatchObject({
      status: 'PENDING_APPROVAL',
      awardRationale: 'URGENT_NEED',
      awardJustification: JUSTIFIED,
      runningTotal: { amount: '700000.00' },
      awardFlags: ['CONTRACT_DETAILS_NOTICE_DUE', 'LIGHT_TOUCH_THRESHOLD_REACHED'],
    });
  });

  it('allows a framework call-off above the threshold when it names the framework', async () => {
    const { offerId } = await offerAt('50000.00');
    const unnamed = await place(offerId, 20, { awardRationale: 'FRAMEWORK_CALL_OFF' });
    expect(errorCode(unnamed)).toBe('AWARD_ROUTE_NOT_ALLOWED');
    expect(unnamed.errors![0].message).toMatch(/frameworkReference/);
    const order = expectOk(await place(offerId, 20, { awardRationale: 'FRAMEWORK_CALL_OFF', frameworkReference: 'HMPPS-DPS-2025-014' })).placeOrder;
    expect(order).toMatchObject({ awardRationale: 'FRAMEWORK_CALL_OFF', frameworkReference: 'HMPPS-DPS-2025-014', total: { amount: '1000000.00' } });
  });
});

describe('running totals per provider, category, region and financial year', () => {
  it('flags the contract details notice once the total is over GBP 12,000, before and after placing', async () => {
    const { offerId } = await offerAt('1000.00');
    expect(expectOk(await place(offerId, 12)).placeOrder).toMatchObject({ runningTotal: { amount: '12000.00' }, awardFlags: [] });
    const seen = expectOk(await check(offerId, 1)).awardCheck;
    expect(seen).toEqual({
      runningTotal: { amount: '13000.00' },
      total: { amount: '1000.00' },
      flags: ['CONTRACT_DETAILS_NOTICE_DUE'],
      approvalLevel: 'NONE',
      refusal: null,
      refusalCode: null,
    });
    expect(await ordersOf(offerId)).toBe(1); // the check wrote nothing
    const placed = expectOk(await place(offerId, 1)).placeOrder;
    expect(placed).toMatchObject({ status: 'SUBMITTED', runningTotal: { amount: '13000.00' }, awardFlags: ['CONTRACT_DETAILS_NOTICE_DUE'] });
  });

  it('counts earlier orders towards the light-touch threshold: the order that reaches it needs another route', async () => {
    const { offerId } = await offerAt('10000.00');
    expectOk(await place(offerId, 60)); // 600,000.00, below the threshold
    const seen = expectOk(await check(offerId, 7)).awardCheck; // 670,000.00 with it
    expect(seen).toMatchObject({ flags: ['CONTRACT_DETAILS_NOTICE_DUE', 'LIGHT_TOUCH_THRESHOLD_REACHED'], refusalCode: 'AWARD_ROUTE_NOT_ALLOWED' });
    expect(seen.refusal).toMatch(/GBP 670,000\.00/);
    expect(errorCode(await place(offerId, 7))).toBe('AWARD_ROUTE_NOT_ALLOWED');
    const justified = expectOk(await place(offerId, 7, { awardRationale: 'CONTINUITY_OF_CARE', awardJustification: JUSTIFIED })).placeOrder;
    expect(justified).toMatchObject({
      runningTotal: { amount: '670000.00' },
      awardFlags: ['CONTRACT_DETAILS_NOTICE_DUE', 'LIGHT_TOUCH_THRESHOLD_REACHED'],
    });
  });

  it('catches order splitting: two orders under the peer limit whose total is above it need approval', async () => {
    const { offerId } = await offerAt('1000.00');
    expect(expectOk(await place(offerId, 15)).placeOrder).toMatchObject({ status: 'SUBMITTED', approvalLevel: 'NONE' });
    const second = expectOk(await place(offerId, 15)).placeOrder;
    expect(second).toMatchObject({ status: 'PENDING_APPROVAL', approvalLevel: 'PEER_COMMISSIONER', runningTotal: { amount: '30000.00' } });
    expect(second.responseDueAt).toBeNull();
  });

  it('makes concurrent split orders see each other: ten at once cannot all escape approval', async () => {
    const { offerId } = await offerAt('1000.00');
    const results = await Promise.all(Array.from({ length: 10 }, () => place(offerId, 5))); // 5,000.00 each
    const orders = results.map((r) => expectOk(r).placeOrder);
    const { rows } = await app.pool.query(
      `SELECT status, running_total_pence::text AS running, total_pence::text AS total FROM service_order WHERE offer_id = $1 ORDER BY running_total_pence`,
      [offerId],
    );
    // Serialised by the running-total lock: each saw all those before it.
    expect(rows.map((r) => r.running)).toEqual(Array.from({ length: 10 }, (_, i) => String((i + 1) * 500_000)));
    expect(orders.filter((o) => o.status === 'SUBMITTED')).toHaveLength(5);
    const free = rows.filter((r) => r.status === 'SUBMITTED').reduce((sum, r) => sum + BigInt(r.total), 0n);
    expect(free).toBeLessThanOrEqual(2_500_000n);
    expect(rows.filter((r) => r.status === 'PENDING_APPROVAL')).toHaveLength(5);
  });
});

describe('scheme of delegation', () => {
  it('refuses an approver whose level is below the order’s', async () => {
    const { offerId } = await offerAt('1000.00');
    const director = expectOk(await place(offerId, 150)).placeOrder; // 150,000.00: REGIONAL_DIRECTOR
    expect(director.approvalLevel).toBe('REGIONAL_DIRECTOR');
    const low = await approve(director.id, colin);
    expect(errorCode(low)).toBe('APPROVAL_LEVEL_TOO_LOW');
    expect(low.errors![0].extensions).toMatchObject({ needed: 'REGIONAL_DIRECTOR', held: 'PEER_COMMISSIONER' });
    expect(expectOk(await approve(director.id, rita)).approveOrder.status).toBe('SUBMITTED');

    const commercial = expectOk(await place(offerId, 450)).placeOrder; // running total 600,000.00: COMMERCIAL
    expect(commercial.approvalLevel).toBe('COMMERCIAL');
    expect(errorCode(await approve(commercial.id, rita))).toBe('APPROVAL_LEVEL_TOO_LOW');
    expect(errorCode(await approve(commercial.id, cara))).toBe('FORBIDDEN'); // the placer
    expect(expectOk(await approve(commercial.id, cora)).approveOrder.status).toBe('SUBMITTED');
  });
});

describe('conflict of interest', () => {
  it('forces approval by someone else and bars the placer from approving reports and recording payments', async () => {
    const { provider, offerId } = await offerAt('1000.00');
    // Below every limit of the scheme, yet a declared conflict sends it for approval.
    expect(expectOk(await place(offerId, 1, { conflictOfInterestDeclared: true })).placeOrder).toMatchObject({
      status: 'PENDING_APPROVAL',
      approvalLevel: 'PEER_COMMISSIONER',
    });
    const startDate = day(-10);
    const order = expectOk(
      await place(offerId, 2, {
        conflictOfInterestDeclared: true,
        awardRationale: 'URGENT_NEED',
        awardJustification: JUSTIFIED,
        startDate,
        reportingPeriod: 'MONTHLY',
      }),
    ).placeOrder;
    expect(order).toMatchObject({ status: 'PENDING_APPROVAL', approvalLevel: 'PEER_COMMISSIONER' }); // 2,000.00: under any limit
    expect(errorCode(await approve(order.id, cara))).toBe('FORBIDDEN');
    expectOk(await approve(order.id, colin));
    const accepted = expectOk(
      await app.gql(`mutation ($id: ID!) { acceptOrder(id: $id) { contract { id } } }`, { id: order.id }, provider.token),
    ).acceptOrder;
    const c = await contract(app, cara, accepted.contract.id);
    const period = c.schedule[0];
    const report = expectOk(
      await app.gql(
        `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id } }`,
        {
          input: {
            contractId: c.id,
            period: period.period,
            actuals: c.measures.map((m) => ({ measureId: m.id, value: 0.5 })),
            narrative: 'Synthetic.',
          },
        },
        provider.token,
      ),
    ).submitPerformanceReport;
    const approveReport = (token: string) =>
      app.gql(`mutation ($id: ID!) { approvePerformanceReport(id: $id) { id status } }`, { id: report.id }, token);
    const barred = await approveReport(cara);
    expect(errorCode(barred)).toBe('CONFLICT_OF_INTEREST');
    expect(expectOk(await approveReport(colin)).approvePerformanceReport.status).toBe('APPROVED');

    const payment = { contractId: c.id, period: period.period, kind: 'FIXED', amount: period.fixedDue, paidOn: today(), reference: 'FIN-COI-1' };
    const pay = (token: string) =>
      app.gql(
        `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
        { input: { ...payment, idempotencyKey: randomUUID() } },
        token,
      );
    expect(errorCode(await pay(cara))).toBe('CONFLICT_OF_INTEREST');
    expect((await recordPayment(app, colin, { ...payment, kind: 'FIXED' })).amount).toBe(period.fixedDue);
  });
});

describe('retrospective orders', () => {
  it('allows a past start only for URGENT_NEED within RETROSPECTIVE_DAYS, and always sends it for approval', async () => {
    const { offerId } = await offerAt('100.00');
    const light = await place(offerId, 1, { startDate: day(-10) });
    expect(errorCode(light)).toBe('RETROSPECTIVE_NOT_ALLOWED');
    expect(light.errors![0].message).toMatch(/only an URGENT_NEED award may start in the past/);
    const urgent = { awardRationale: 'URGENT_NEED', awardJustification: JUSTIFIED };
    const tooOld = await place(offerId, 1, { ...urgent, startDate: day(-31) });
    expect(errorCode(tooOld)).toBe('RETROSPECTIVE_NOT_ALLOWED');
    expect(tooOld.errors![0].message).toMatch(/more than 30 days before today/);
    expect(await ordersOf(offerId)).toBe(0);
    const order = expectOk(await place(offerId, 1, { ...urgent, startDate: day(-30) })).placeOrder; // 100.00
    expect(order).toMatchObject({ status: 'PENDING_APPROVAL', approvalLevel: 'PEER_COMMISSIONER' });
    expect(expectOk(await check(offerId, 1, { ...urgent, startDate: day(-30) })).awardCheck.approvalLevel).toBe('PEER_COMMISSIONER');
    // Today is not in the past.
    expect(expectOk(await place(offerId, 1, { startDate: today() })).placeOrder.status).toBe('SUBMITTED');
  });
});
