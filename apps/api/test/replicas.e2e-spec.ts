import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { createPublishedOffer, registerProvider } from './harness/factories';
import { errorCode, expectOk, GqlResult, Replica, startReplica, startTestApp, TestApp } from './harness/test-app';

/**
 * Two instances of the API on one database, as two replicas behind a load balancer: the budget
 * and the idempotency key are kept in PostgreSQL, so neither instance can overspend or duplicate
 * what the other did, whichever of them each request reaches.
 */
describe('two replicas on one database', () => {
  let primary: TestApp;
  let replica: Replica;
  let commissioner: string;
  let directorate: string;
  let offerId: string;

  const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status total { amount } } }`;
  const place = (instance: { gql: TestApp['gql'] }, idempotencyKey = randomUUID()) =>
    instance.gql(
      PLACE,
      { input: { offerId, pduCode: 'liverpool-north', quantity: 1, startDate: '2026-05-01', endDate: '2026-07-31', idempotencyKey } },
      commissioner,
    );
  const setBudget = (amount: string) =>
    primary.gql(
      `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { id } }`,
      { input: { regionCode: 'north-west', financialYear: '2026-27', category: 'PERSONAL_WELLBEING', amount } },
      directorate,
    );
  const pot = async () =>
    (
      await primary.pool.query(
        `SELECT allocated_pence, reserved_pence, committed_pence FROM budget
         WHERE region_code = 'north-west' AND financial_year = '2026-27' AND category = 'PERSONAL_WELLBEING'`,
      )
    ).rows[0];
  /** Sends the calls alternately to the two instances, all at once. */
  const acrossReplicas = (count: number, call: (instance: { gql: TestApp['gql'] }) => Promise<GqlResult>) =>
    Promise.all(Array.from({ length: count }, (_, i) => call(i % 2 === 0 ? primary : replica)));

  beforeAll(async () => {
    primary = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0' });
    replica = await startReplica(primary, { ORDER_EXPIRY_SWEEP_SECONDS: '0' });
    commissioner = await primary.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara-replicas' });
    directorate = await primary.token({ roles: [Role.DIRECTORATE], sub: 'dee-replicas' });
    const provider = await registerProvider(primary, { regionCodes: ['north-west'] });
    offerId = (await createPublishedOffer(primary, provider, { unitPrice: '100.00', category: 'PERSONAL_WELLBEING', capacityPerMonth: 100_000 })).id;
  });
  afterAll(async () => {
    await replica?.close();
    await primary?.close();
  });

  it('serves the same data from both instances', async () => {
    const query = `query ($id: ID!) { serviceOffer(id: $id) { id status } }`;
    const [a, b] = await Promise.all([primary.gql(query, { id: offerId }, commissioner), replica.gql(query, { id: offerId }, commissioner)]);
    expect(expectOk(b)).toEqual(expectOk(a));
  });

  it('lets exactly k of 60 concurrent orders through one budget, whichever instance takes them', async () => {
    const k = 23;
    expectOk(await setBudget((k * 100).toFixed(2)));
    const results = await acrossReplicas(60, (instance) => place(instance));
    expect(results.filter((r) => !r.errors)).toHaveLength(k);
    expect(results.filter((r) => errorCode(r) === 'BUDGET_EXCEEDED')).toHaveLength(60 - k);
    // Both instances let some through: the budget row, not either process, decided.
    expect(results.filter((r, i) => !r.errors && i % 2 === 0).length).toBeGreaterThan(0);
    expect(results.filter((r, i) => !r.errors && i % 2 === 1).length).toBeGreaterThan(0);
    const budget = await pot();
    expect(BigInt(budget.reserved_pence) + BigInt(budget.committed_pence)).toBe(BigInt(budget.allocated_pence));
    const orders = await primary.pool.query(`SELECT count(*)::int AS n, sum(total_pence)::bigint AS total FROM service_order WHERE offer_id = $1`, [
      offerId,
    ]);
    expect(orders.rows[0].n).toBe(k);
    expect(BigInt(orders.rows[0].total)).toBe(BigInt(budget.reserved_pence));
  });

  it('creates one order when the same idempotency key reaches both instances at once', async () => {
    expectOk(await setBudget('100000.00'));
    const before = await pot();
    for (let round = 0; round < 3; round++) {
      const key = randomUUID();
      const results = await acrossReplicas(16, (instance) => place(instance, key));
      const ids = new Set(results.map((r) => expectOk(r).placeOrder.id));
      expect(ids.size).toBe(1);
      const { rows } = await primary.pool.query(`SELECT count(*)::int AS n FROM service_order WHERE idempotency_key = $1`, [key]);
      expect(rows[0].n).toBe(1);
      const audit = await primary.pool.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'order.placed' AND entity_id = $1`, [
        [...ids][0],
      ]);
      expect(audit.rows[0].n).toBe(1);
    }
    // Three orders of 100.00, each reserved once.
    const after = await pot();
    expect(BigInt(after.reserved_pence) - BigInt(before.reserved_pence)).toBe(30_000n);
  });
});
