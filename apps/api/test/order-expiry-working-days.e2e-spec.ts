import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { Clock } from '@mkt/common';
import { createPublishedOffer, registerProvider } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

/**
 * Issue 13: due dates count working days in England and Wales (bank holidays out), from when the
 * order reaches the provider; orders waiting for approval expire too and release their reservation.
 * Business time is set to Thursday 24 December 2026, 10:00 UTC (docs/ordering.md's worked example).
 */
let app: TestApp;
let cara: string;
let colin: string;
let directorate: string;

const FIELDS = `id status responseDueAt approvalDueAt approvalLevel total { amount }`;
const setNow = (iso: string) => {
  const clock = app.nest.get(Clock);
  clock.advance(Date.parse(iso) - clock.nowMs());
};
const day = (iso: string | null) => iso?.slice(0, 16);

async function setBudget(financialYear: string, amount: string): Promise<void> {
  expectOk(
    await app.gql(
      `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { id } }`,
      { input: { regionCode: 'north-west', financialYear, amount } },
      directorate,
    ),
  );
}
const reserved = async (financialYear: string) =>
  expectOk(
    await app.gql(
      `query ($f: BudgetsFilter) { budgets(filter: $f) { reserved { amount } } }`,
      { f: { financialYears: [financialYear], regionCodes: ['north-west'] } },
      directorate,
    ),
  ).budgets[0].reserved.amount as string;

async function newOffer() {
  const provider = await registerProvider(app, { regionCodes: ['north-west'] });
  const offer = await createPublishedOffer(app, provider, { unitPrice: '1000.00', declaredFullCostPerUnit: '1000.00', capacityPerMonth: 1000 });
  return { provider, offerId: offer.id };
}
const place = (offerId: string, quantity: number, dates = { startDate: '2027-01-04', endDate: '2027-03-31' }) =>
  app.gql(
    `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { ${FIELDS} } }`,
    { input: { offerId, pduCode: 'liverpool-north', quantity, ...dates, idempotencyKey: randomUUID() } },
    cara,
  );
const act = (mutation: 'acceptOrder' | 'approveOrder', id: string, token: string) =>
  app.gql(`mutation ($id: ID!) { ${mutation}(id: $id) { ${FIELDS} } }`, { id }, token);
const statusOf = async (id: string) => (await app.pool.query('SELECT status FROM service_order WHERE id = $1', [id])).rows[0].status as string;

beforeAll(async () => {
  app = await startTestApp({ ORDER_RESPONSE_DAYS: '10', APPROVAL_DAYS: '5', ORDER_EXPIRY_SWEEP_SECONDS: '0', RETROSPECTIVE_ORDERS: 'enforce' });
  cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
  colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
  directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'dee' });
  await setBudget('2026-27', '1000000.00');
});

afterAll(async () => {
  await app?.close();
});

describe('working-day due dates', () => {
  it('counts ten working days from Thursday 24 December 2026 past Christmas, the Boxing Day substitute and New Year', async () => {
    setNow('2026-12-24T10:00:00.000Z');
    const { provider, offerId } = await newOffer();
    const order = expectOk(await place(offerId, 2)).placeOrder;
    expect(order.status).toBe('SUBMITTED');
    // Not 3 January (calendar days) nor 7 January (weekdays): 25 and 28 December and 1 January are bank holidays.
    expect(day(order.responseDueAt)).toBe('2027-01-12T10:00');
    // The provider sees when it must answer by.
    const seen = expectOk(await app.gql(`query ($id: ID!) { order(id: $id) { responseDueAt } }`, { id: order.id }, provider.token)).order;
    expect(seen.responseDueAt).toBe(order.responseDueAt);

    setNow('2027-01-11T17:00:00.000Z');
    expect(await statusOf(order.id)).toBe('SUBMITTED');
    setNow('2027-01-12T10:01:00.000Z');
    expect(errorCode(await act('acceptOrder', order.id, provider.token))).toBe('INVALID_STATE');
    expect(await statusOf(order.id)).toBe('EXPIRED');
  });

  it('gives an order waiting for approval APPROVAL_DAYS working days, and the provider its days from approval', async () => {
    setNow('2026-12-24T10:00:00.000Z');
    const { offerId } = await newOffer();
    const order = expectOk(await place(offerId, 30)).placeOrder; // 30,000.00: a peer must approve
    expect(order).toMatchObject({ status: 'PENDING_APPROVAL', approvalLevel: 'PEER_COMMISSIONER', responseDueAt: null });
    expect(day(order.approvalDueAt)).toBe('2027-01-05T10:00'); // 29, 30, 31 December, 4 and 5 January
    setNow('2026-12-31T09:00:00.000Z');
    const approved = expectOk(await act('approveOrder', order.id, colin)).approveOrder;
    expect(approved.status).toBe('SUBMITTED');
    expect(day(approved.responseDueAt)).toBe('2027-01-15T09:00'); // 1 January out: 4 to 8 and 11 to 15 January
  });
});

describe('approval expiry', () => {
  it('expires an order not approved in time and releases its reservation', async () => {
    setNow('2026-12-24T10:00:00.000Z');
    const { offerId } = await newOffer();
    const before = await reserved('2026-27');
    const order = expectOk(await place(offerId, 30)).placeOrder;
    expect(Number(await reserved('2026-27')) - Number(before)).toBe(30000);
    setNow('2027-01-05T10:01:00.000Z');
    expect(errorCode(await act('approveOrder', order.id, colin))).toBe('INVALID_STATE');
    expect(await statusOf(order.id)).toBe('EXPIRED');
    expect(await reserved('2026-27')).toBe(before);
    const audit = await app.pool.query(`SELECT actor_sub FROM audit_event WHERE action = 'order.expired' AND entity_id = $1`, [order.id]);
    expect(audit.rows).toHaveLength(1);
  });

  it('lets a new order sweep a stale approval that holds the budget it needs', async () => {
    setNow('2026-12-24T10:00:00.000Z');
    await setBudget('2027-28', '30000.00');
    const { offerId } = await newOffer();
    const dates = { startDate: '2027-05-01', endDate: '2027-05-31' };
    const waiting = expectOk(await place(offerId, 30, dates)).placeOrder; // all of the pot, waiting for approval
    expect(waiting.status).toBe('PENDING_APPROVAL');
    const { offerId: other } = await newOffer();
    expect(errorCode(await place(other, 1, dates))).toBe('BUDGET_EXCEEDED');
    setNow('2027-01-05T10:01:00.000Z');
    expect(expectOk(await place(other, 1, dates)).placeOrder.status).toBe('SUBMITTED');
    expect(await statusOf(waiting.id)).toBe('EXPIRED');
    expect(await reserved('2027-28')).toBe('1000.00');
  });
});
