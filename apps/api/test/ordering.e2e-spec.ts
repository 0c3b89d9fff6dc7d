import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { Clock } from '@mkt/common';
import { createPublishedOffer, ProviderHandle, registerProvider } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

const ORDER_FIELDS = `id status total { amount } unitPrice { amount } quantity financialYear regionCode pduCode offerVersion
  outcomeTargets { measureCode target baseline weight direction } outcomeSharePercent reportingPeriod awardRationale
  conflictOfInterestDeclared placedBy responseDueAt`;
const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER_FIELDS} } }`;
const BUDGETS = `query ($filter: BudgetsFilter) { budgets(filter: $filter) {
  id regionCode financialYear category allocated { amount } reserved { amount } committed { amount } remaining { amount } } }`;

describe('direct ordering within budget', () => {
  let app: TestApp;
  let admin: string;
  let directorate: string;
  let cara: string; // commissioner, north-west
  let colin: string; // second commissioner, north-west
  let wendy: string; // commissioner, wales
  let provider: ProviderHandle;
  let offerId: string;

  const setBudget = async (amount: string, extra: Record<string, unknown> = {}, token = directorate) =>
    app.gql(
      `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { id allocated { amount } remaining { amount } category } }`,
      { input: { regionCode: 'north-west', financialYear: '2026-27', amount, ...extra } },
      token,
    );
  const budget = async (category: string | null = null) => {
    const all = expectOk(await app.gql(BUDGETS, { filter: { financialYears: ['2026-27'], regionCodes: ['north-west'] } }, directorate)).budgets;
    return all.find((b: { category: string | null }) => b.category === category);
  };
  const place = (overrides: Record<string, unknown> = {}, token = cara) =>
    app.gql(
      PLACE,
      {
        input: {
          offerId,
          pduCode: 'liverpool-north',
          quantity: 10,
          startDate: '2026-05-01',
          endDate: '2026-07-31',
          idempotencyKey: randomUUID(),
          ...overrides,
        },
      },
      token,
    );
  const act = (mutation: string, id: string, token: string, reason?: string) =>
    app.gql(
      `mutation ($id: ID!${reason ? ', $reason: String!' : ''}) { ${mutation}(id: $id${reason ? ', reason: $reason' : ''}) { id status contract { id } } }`,
      reason ? { id, reason } : { id },
      token,
    );

  beforeAll(async () => {
    app = await startTestApp({ ORDER_APPROVAL_THRESHOLD: '25000.00', ORDER_RESPONSE_DAYS: '10', ORDER_EXPIRY_SWEEP_SECONDS: '0' });
    admin = await app.token({ roles: [Role.ADMIN] });
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dee' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    wendy = await app.token({ roles: [Role.COMMISSIONER], regions: ['wales'], sub: 'wendy' });
    provider = await registerProvider(app, { regionCodes: ['north-west'] });
    offerId = (
      await createPublishedOffer(app, provider, {
        unitPrice: '850.00',
        capacityPerMonth: 20,
        outcomeCommitments: [
          { measureCode: 'ACC-03', expectedRate: 0.5 },
          { measureCode: 'ACC-06', expectedRate: 0.7 },
          { measureCode: 'ACC-08', expectedRate: 0.6 },
        ],
      })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('budgets', () => {
    it('is set by directorate or admin, and set again to change the amount', async () => {
      const first = expectOk(await setBudget('100000.00')).setBudget;
      expect(first.allocated.amount).toBe('100000.00');
      const changed = expectOk(await setBudget('120000.00', {}, admin)).setBudget;
      expect(changed).toMatchObject({ id: first.id, allocated: { amount: '120000.00' }, remaining: { amount: '120000.00' } });
      expect(errorCode(await setBudget('1.00', {}, cara))).toBe('FORBIDDEN');
      expect(errorCode(await setBudget('1.00', { financialYear: '2026-28' }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await setBudget('1.005'))).toBe('BAD_USER_INPUT');
    });

    it('is visible to commissioners for their own regions only', async () => {
      expectOk(await setBudget('5000.00', { regionCode: 'wales' }));
      const seen = expectOk(await app.gql(BUDGETS, {}, wendy)).budgets;
      expect(seen.map((b: { regionCode: string }) => b.regionCode)).toEqual(['wales']);
      expect(errorCode(await app.gql(BUDGETS, {}, provider.token))).toBe('FORBIDDEN');
    });
  });

  describe('placing and answering', () => {
    it('places an order: exact total, default outcome terms, reservation on the general pot', async () => {
      const before = await budget();
      const order = expectOk(await place({ quantity: 12, conflictOfInterestDeclared: true })).placeOrder;
      expect(order).toMatchObject({
        status: 'SUBMITTED',
        total: { amount: '10200.00' },
        unitPrice: { amount: '850.00' },
        financialYear: '2026-27',
        regionCode: 'north-west',
        offerVersion: 1,
        outcomeSharePercent: 20,
        reportingPeriod: 'QUARTERLY',
        awardRationale: 'LIGHT_TOUCH_DIRECT_AWARD',
        conflictOfInterestDeclared: true,
        placedBy: 'cara',
      });
      expect(order.outcomeTargets).toEqual([
        { measureCode: 'ACC-03', target: 0.5, baseline: 0, weight: 33, direction: 'HIGHER_IS_BETTER' },
        { measureCode: 'ACC-06', target: 0.7, baseline: 0, weight: 33, direction: 'HIGHER_IS_BETTER' },
        { measureCode: 'ACC-08', target: 0.6, baseline: 0, weight: 34, direction: 'HIGHER_IS_BETTER' },
      ]);
      const after = await budget();
      expect(Number(after.reserved.amount) - Number(before.reserved.amount)).toBe(10200);
      const audit = await app.pool.query(`SELECT after FROM audit_event WHERE action = 'order.placed' AND entity_id = $1`, [order.id]);
      expect(audit.rows[0].after).toMatchObject({ conflictOfInterestDeclared: true, awardRationale: 'LIGHT_TOUCH_DIRECT_AWARD' });
    });

    it('draws on a category pot when one exists', async () => {
      expectOk(await setBudget('30000.00', { category: 'ACCOMMODATION' }));
      const general = await budget();
      const order = expectOk(await place({ quantity: 2 })).placeOrder;
      const pot = await budget('ACCOMMODATION');
      expect(pot.reserved.amount).toBe('1700.00');
      expect((await budget()).reserved.amount).toBe(general.reserved.amount);
      expect(errorCode(await act('withdrawOrder', order.id, cara, 'Placed against the wrong pot'))).toBeUndefined();
      expect((await budget('ACCOMMODATION')).reserved.amount).toBe('0.00');
    });

    it('accepts: reservation becomes commitment and a contract exists with the order terms', async () => {
      const order = expectOk(
        await place({ quantity: 4, outcomeTargets: [{ measureCode: 'ACC-03', target: 0.6, baseline: 0.2, weight: 100 }] }),
      ).placeOrder;
      const potBefore = await budget('ACCOMMODATION');
      const accepted = expectOk(await act('acceptOrder', order.id, provider.token)).acceptOrder;
      expect(accepted.status).toBe('ACCEPTED');
      expect(accepted.contract.id).toBeTruthy();
      const potAfter = await budget('ACCOMMODATION');
      expect(Number(potAfter.committed.amount) - Number(potBefore.committed.amount)).toBe(3400);
      expect(Number(potBefore.reserved.amount) - Number(potAfter.reserved.amount)).toBe(3400);
      const contract = expectOk(
        await app.gql(
          `query ($id: ID!) { contract(id: $id) { status regionCode pduCode value { amount } startDate endDate
             offer { version title } provider { id } order { id }
             outcomeMeasures { code baseline target weight } } }`,
          { id: accepted.contract.id },
          cara,
        ),
      ).contract;
      expect(contract).toMatchObject({
        status: 'ACTIVE',
        regionCode: 'north-west',
        pduCode: 'liverpool-north',
        value: { amount: '3400.00' },
        startDate: '2026-05-01',
        endDate: '2026-07-31',
        offer: { version: 1 },
        provider: { id: provider.id },
        order: { id: order.id },
        outcomeMeasures: [{ code: 'ACC-03', baseline: 0.2, target: 0.6, weight: 100 }],
      });
    });

    it('declines and withdraws release the reservation; other transitions are INVALID_STATE', async () => {
      const a = expectOk(await place({ quantity: 1 })).placeOrder;
      const b = expectOk(await place({ quantity: 1 })).placeOrder;
      const reservedBefore = (await budget('ACCOMMODATION')).reserved.amount;
      expect(expectOk(await act('declineOrder', a.id, provider.token, 'No places until the autumn')).declineOrder.status).toBe('DECLINED');
      expect(expectOk(await act('withdrawOrder', b.id, cara, 'Need met elsewhere')).withdrawOrder.status).toBe('WITHDRAWN');
      expect(Number(reservedBefore) - Number((await budget('ACCOMMODATION')).reserved.amount)).toBe(1700);
      expect(errorCode(await act('acceptOrder', a.id, provider.token))).toBe('INVALID_STATE');
      expect(errorCode(await act('withdrawOrder', a.id, cara, 'Again please'))).toBe('INVALID_STATE');
      expect(errorCode(await act('approveOrder', b.id, colin))).toBe('INVALID_STATE');
      expect(errorCode(await act('declineOrder', b.id, provider.token, 'x'))).toBe('BAD_USER_INPUT');
    });

    it('refuses an order that does not fit, writing nothing', async () => {
      const ordersBefore = (await app.pool.query('SELECT count(*)::int AS n FROM service_order')).rows[0].n;
      const result = await place({ quantity: 40 }); // 34,000.00 > 30,000.00 category pot
      expect(errorCode(result)).toBe('BUDGET_EXCEEDED');
      expect((await app.pool.query('SELECT count(*)::int AS n FROM service_order')).rows[0].n).toBe(ordersBefore);
    });

    it('refuses to lower a budget below what is reserved and committed', async () => {
      const pot = await budget('ACCOMMODATION');
      const used = Number(pot.reserved.amount) + Number(pot.committed.amount);
      expect(errorCode(await setBudget((used - 0.01).toFixed(2), { category: 'ACCOMMODATION' }))).toBe('BUDGET_BELOW_COMMITMENTS');
      expect(expectOk(await setBudget(used.toFixed(2), { category: 'ACCOMMODATION' })).setBudget.remaining.amount).toBe('0.00');
      expectOk(await setBudget('30000.00', { category: 'ACCOMMODATION' }));
    });

    it('pins the offer version even after the offer changes or is withdrawn', async () => {
      const order = expectOk(await place({ quantity: 1 })).placeOrder;
      expectOk(
        await app.gql(
          `mutation ($id: ID!) { updateServiceOffer(id: $id, input: { unitPrice: "999.00" }) { version } }`,
          { id: offerId },
          provider.token,
        ),
      );
      const seen = expectOk(
        await app.gql(
          `query ($id: ID!) { order(id: $id) { offerVersion offer { version unitPrice { amount } } total { amount } } }`,
          { id: order.id },
          cara,
        ),
      ).order;
      expect(seen).toEqual({ offerVersion: 1, offer: { version: 1, unitPrice: { amount: '850.00' } }, total: { amount: '850.00' } });
      const next = expectOk(await place({ quantity: 1 })).placeOrder;
      expect(next).toMatchObject({ offerVersion: 2, total: { amount: '999.00' } });
      expectOk(await act('withdrawOrder', order.id, cara, 'Tidy up'));
      expectOk(await act('withdrawOrder', next.id, cara, 'Tidy up'));
    });
  });

  describe('idempotency', () => {
    it('returns the same order for the same key and input, and refuses the key with different input', async () => {
      const key = randomUUID();
      const first = expectOk(await place({ quantity: 2, idempotencyKey: key })).placeOrder;
      const reservedAfterFirst = (await budget('ACCOMMODATION')).reserved.amount;
      const again = expectOk(await place({ quantity: 2, idempotencyKey: key })).placeOrder;
      expect(again.id).toBe(first.id);
      expect((await budget('ACCOMMODATION')).reserved.amount).toBe(reservedAfterFirst);
      const reused = await place({ quantity: 3, idempotencyKey: key });
      expect(errorCode(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
      // Keys belong to the commissioner who used them.
      expect(expectOk(await place({ quantity: 2, idempotencyKey: key }, colin)).placeOrder.id).not.toBe(first.id);
      expect(errorCode(await place({ idempotencyKey: 'not-a-uuid' }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('separation of duties', () => {
    it('sends an order above the threshold to the provider only after another commissioner approves it', async () => {
      expectOk(await setBudget('200000.00', { category: 'ACCOMMODATION' }));
      const order = expectOk(await place({ quantity: 40 })).placeOrder; // 39,960.00 at version 2 prices
      expect(order.status).toBe('PENDING_APPROVAL');
      expect(order.responseDueAt).toBeNull();
      const query = `query ($id: ID!) { order(id: $id) { status } }`;
      expect(errorCode(await app.gql(query, { id: order.id }, provider.token))).toBe('NOT_FOUND');
      expect(errorCode(await act('acceptOrder', order.id, provider.token))).toBe('NOT_FOUND');
      expect(errorCode(await act('approveOrder', order.id, cara))).toBe('FORBIDDEN');
      expect(errorCode(await act('approveOrder', order.id, wendy))).toBe('NOT_FOUND');
      expect(expectOk(await act('approveOrder', order.id, colin)).approveOrder.status).toBe('SUBMITTED');
      expect(expectOk(await app.gql(query, { id: order.id }, provider.token)).order.status).toBe('SUBMITTED');
      expectOk(await act('withdrawOrder', order.id, cara, 'Tidy up'));
    });

    it('releases the reservation when an order awaiting approval is rejected', async () => {
      const reserved = (await budget('ACCOMMODATION')).reserved.amount;
      const order = expectOk(await place({ quantity: 30 })).placeOrder;
      expect(order.status).toBe('PENDING_APPROVAL');
      expect(expectOk(await act('rejectOrder', order.id, colin, 'Not value for money')).rejectOrder.status).toBe('REJECTED');
      expect((await budget('ACCOMMODATION')).reserved.amount).toBe(reserved);
    });
  });

  describe('expiry', () => {
    it('expires an unanswered order after ORDER_RESPONSE_DAYS and frees its budget', async () => {
      const order = expectOk(await place({ quantity: 1 })).placeOrder;
      app.nest.get(Clock).advance(11 * 86_400_000);
      try {
        expect(errorCode(await act('acceptOrder', order.id, provider.token))).toBe('INVALID_STATE');
        const seen = expectOk(await app.gql(`query ($id: ID!) { order(id: $id) { status } }`, { id: order.id }, cara)).order;
        expect(seen.status).toBe('EXPIRED');
        // Every expired order released its reservation: what is reserved is exactly what still waits.
        const { rows } = await app.pool.query(
          `SELECT b.reserved_pence::text AS reserved,
                  (SELECT coalesce(sum(total_pence), 0)::text FROM service_order o
                    WHERE o.budget_id = b.id AND o.status IN ('SUBMITTED', 'PENDING_APPROVAL')) AS waiting,
                  (SELECT count(*)::int FROM service_order o WHERE o.budget_id = b.id AND o.status = 'SUBMITTED') AS submitted
           FROM budget b WHERE b.category = 'ACCOMMODATION'`,
        );
        expect(rows[0].reserved).toBe(rows[0].waiting);
        expect(rows[0].submitted).toBe(0);
      } finally {
        app.nest.get(Clock).advance(-11 * 86_400_000);
      }
    });

    it('never lets a stale reservation block a new order', async () => {
      expectOk(await setBudget('3000.00', { regionCode: 'north-west', financialYear: '2027-28' }));
      const dated = { startDate: '2027-05-01', endDate: '2027-05-31' };
      const stale = expectOk(await place({ quantity: 3, ...dated })).placeOrder; // 2,997.00 of 3,000.00
      expect(errorCode(await place({ quantity: 1, ...dated }))).toBe('BUDGET_EXCEEDED');
      // Move the answer date into the past without any read in between: placing must sweep it.
      await app.pool.query(`UPDATE service_order SET response_due_at = now() - interval '1 minute' WHERE id = $1`, [stale.id]);
      expect(expectOk(await place({ quantity: 3, ...dated })).placeOrder.status).toBe('SUBMITTED');
      const expired = await app.pool.query('SELECT status FROM service_order WHERE id = $1', [stale.id]);
      expect(expired.rows[0].status).toBe('EXPIRED');
    });
  });

  describe('capacity', () => {
    it('refuses an acceptance that would exceed the monthly capacity of the pinned version', async () => {
      const small = await registerProvider(app);
      const tinyOffer = (await createPublishedOffer(app, small, { capacityPerMonth: 5, unitPrice: '100.00' })).id;
      const first = expectOk(await place({ offerId: tinyOffer, quantity: 12, startDate: '2026-06-01', endDate: '2026-08-31' })).placeOrder; // 4 a month
      const second = expectOk(await place({ offerId: tinyOffer, quantity: 2, startDate: '2026-08-01', endDate: '2026-08-31' })).placeOrder; // 2 in August
      const third = expectOk(await place({ offerId: tinyOffer, quantity: 1, startDate: '2026-09-01', endDate: '2026-09-30' })).placeOrder;
      expectOk(await act('acceptOrder', first.id, small.token));
      const refused = await act('acceptOrder', second.id, small.token);
      expect(errorCode(refused)).toBe('CAPACITY_EXCEEDED');
      expect(refused.errors![0].extensions).toMatchObject({ month: '2026-08', load: 6 });
      expect(expectOk(await act('acceptOrder', third.id, small.token)).acceptOrder.status).toBe('ACCEPTED');
    });
  });

  describe('roles and tenancy', () => {
    it('keeps commissioners to their regions and providers to their own orders', async () => {
      const placedInWales = await place({ pduCode: 'cardiff-and-the-vale-of-glamorgan' }, wendy);
      expect(errorCode(placedInWales)).toBe('OFFER_NOT_AVAILABLE'); // the offer does not cover Wales
      expect(errorCode(await place({}, wendy))).toBe('FORBIDDEN'); // liverpool-north is not in Wales
      expect(errorCode(await place({}, provider.token))).toBe('FORBIDDEN');
      expect(errorCode(await place({}, directorate))).toBe('FORBIDDEN');

      const order = expectOk(await place({ quantity: 1 })).placeOrder;
      const other = await registerProvider(app);
      expect(errorCode(await act('acceptOrder', order.id, other.token))).toBe('NOT_FOUND');
      const query = `query ($id: ID!) { order(id: $id) { id } }`;
      expect(errorCode(await app.gql(query, { id: order.id }, wendy))).toBe('NOT_FOUND');
      expect(errorCode(await app.gql(query, { id: order.id }, other.token))).toBe('NOT_FOUND');
      expect(errorCode(await app.gql(query, { id: order.id }, admin))).toBe('NOT_FOUND');
      expect(expectOk(await app.gql(query, { id: order.id }, directorate)).order.id).toBe(order.id);
      const list = `{ orders(first: 100) { totalCount edges { node { id regionCode } } } }`;
      expect(expectOk(await app.gql(list, {}, wendy)).orders.totalCount).toBe(0);
      expect(expectOk(await app.gql(list, {}, other.token)).orders.totalCount).toBe(0);
      expect(expectOk(await app.gql(list, {}, admin)).orders.totalCount).toBe(0);
      expect(errorCode(await act('withdrawOrder', order.id, wendy, 'Not mine'))).toBe('NOT_FOUND');
      expectOk(await act('withdrawOrder', order.id, cara, 'Tidy up'));
    });

    it('refuses bad order input naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ quantity: 0 }, 'quantity'],
        [{ startDate: '2026-02-30' }, 'startDate'],
        [{ startDate: '2026-08-01', endDate: '2026-07-01' }, 'endDate'],
        [{ outcomeSharePercent: 60 }, 'outcomeSharePercent'],
        [{ outcomeTargets: [{ measureCode: 'ACC-03', target: 0.5, weight: 60 }] }, 'weight'],
        [{ outcomeTargets: [{ measureCode: 'ZZZ-01', target: 0.5 }] }, 'measureCode'],
        [{ pduCode: 'atlantis' }, 'pduCode'],
        [{ note: 'Referral for X123456 from the court' }, 'note'],
      ];
      for (const [overrides, field] of cases) {
        const result = await place(overrides);
        expect({ field, code: errorCode(result) }).toEqual({ field, code: 'BAD_USER_INPUT' });
        expect(result.errors![0].message).toContain(field);
      }
    });
  });

  describe('concurrency', () => {
    let concurrentOffer: string;
    beforeAll(async () => {
      const p = await registerProvider(app);
      concurrentOffer = (await createPublishedOffer(app, p, { unitPrice: '100.00', category: 'PERSONAL_WELLBEING', capacityPerMonth: 100_000 })).id;
    });

    it('lets exactly k of 50 concurrent orders through a budget that fits k, and never overspends', async () => {
      const k = 17;
      expectOk(await setBudget((k * 100).toFixed(2), { category: 'PERSONAL_WELLBEING' }));
      const results = await Promise.all(Array.from({ length: 50 }, () => place({ offerId: concurrentOffer, quantity: 1 })));
      const ok = results.filter((r) => !r.errors);
      expect(ok).toHaveLength(k);
      expect(results.filter((r) => errorCode(r) === 'BUDGET_EXCEEDED')).toHaveLength(50 - k);
      const { rows } = await app.pool.query(
        `SELECT allocated_pence, reserved_pence, committed_pence FROM budget WHERE category = 'PERSONAL_WELLBEING'`,
      );
      expect(BigInt(rows[0].reserved_pence) + BigInt(rows[0].committed_pence)).toBe(BigInt(rows[0].allocated_pence));
      const orders = await app.pool.query(`SELECT count(*)::int AS n FROM service_order WHERE offer_id = $1`, [concurrentOffer]);
      expect(orders.rows[0].n).toBe(k);
    });

    it('creates one order from twenty concurrent calls with one idempotency key', async () => {
      expectOk(await setBudget('100000.00', { category: 'PERSONAL_WELLBEING' }));
      const key = randomUUID();
      const results = await Promise.all(Array.from({ length: 20 }, () => place({ offerId: concurrentOffer, quantity: 3, idempotencyKey: key })));
      const ids = new Set(results.map((r) => expectOk(r).placeOrder.id));
      expect(ids.size).toBe(1);
      const { rows } = await app.pool.query(`SELECT count(*)::int AS n FROM service_order WHERE idempotency_key = $1`, [key]);
      expect(rows[0].n).toBe(1);
      const pot = await budget('PERSONAL_WELLBEING');
      expect(pot.reserved.amount).toBe((1700 + 300).toFixed(2));
    });

    it('lets exactly one of a concurrent accept and withdraw win, leaving the budget consistent', async () => {
      for (let round = 0; round < 5; round++) {
        const order = expectOk(await place({ quantity: 1 })).placeOrder;
        const before = await budget('ACCOMMODATION');
        const [accepted, withdrawn] = await Promise.all([
          act('acceptOrder', order.id, provider.token),
          act('withdrawOrder', order.id, cara, 'Changed our mind'),
        ]);
        const winners = [accepted, withdrawn].filter((r) => !r.errors);
        expect(winners).toHaveLength(1);
        expect(errorCode([accepted, withdrawn].find((r) => r.errors)!)).toBe('INVALID_STATE');
        const after = await budget('ACCOMMODATION');
        const total = Number(order.total.amount);
        expect(Number(before.reserved.amount) - Number(after.reserved.amount)).toBeCloseTo(total, 2);
        const committedDelta = Number(after.committed.amount) - Number(before.committed.amount);
        expect(committedDelta).toBeCloseTo(accepted.errors ? 0 : total, 2);
        const contracts = await app.pool.query('SELECT count(*)::int AS n FROM contract WHERE order_id = $1', [order.id]);
        expect(contracts.rows[0].n).toBe(accepted.errors ? 0 : 1);
      }
    });

    it('has a database constraint that stops reserved plus committed exceeding allocated', async () => {
      await expect(
        app.pool.query(`UPDATE budget SET reserved_pence = allocated_pence - committed_pence + 1 WHERE category = 'PERSONAL_WELLBEING'`),
      ).rejects.toThrow(/budget_within_allocation/);
    });
  });
});
