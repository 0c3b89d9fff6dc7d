import { randomUUID } from 'node:crypto';
import { Clock } from '@mkt/common';
import { createPublishedOffer, registerProvider } from './harness/factories';
import { errorCode, expectOk } from './harness/test-app';
import { act, admin, app, budget, cara, colin, directorate, place, provider, setBudget, useOrderingWorld, wendy } from './harness/ordering-world';

describe('direct ordering: duties, expiry, capacity, tenancy, concurrency', () => {
  useOrderingWorld();

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
    it('expires an unanswered order after ORDER_RESPONSE_DAYS working days and frees its budget', async () => {
      const order = expectOk(await place({ quantity: 1 })).placeOrder;
      // Ten working days: at least 14 calendar days, more across bank holidays (see order-expiry-working-days).
      const wait = Date.parse(order.responseDueAt) - app.nest.get(Clock).nowMs() + 60_000;
      expect(wait).toBeGreaterThanOrEqual(14 * 86_400_000);
      app.nest.get(Clock).advance(wait);
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
        app.nest.get(Clock).advance(-wait);
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

    it('expires a stale order before judging a lowered budget, in the same transaction as the change', async () => {
      const pot = { regionCode: 'north-west', financialYear: '2028-29' };
      expectOk(await setBudget('3000.00', pot));
      const stale = expectOk(await place({ quantity: 3, startDate: '2028-05-01', endDate: '2028-05-31' })).placeOrder;
      expect(errorCode(await setBudget('1.00', pot))).toBe('BUDGET_BELOW_COMMITMENTS');
      // Past its answer date with no read in between: setting the budget must release the reservation itself.
      await app.pool.query(`UPDATE service_order SET response_due_at = now() - interval '1 minute' WHERE id = $1`, [stale.id]);
      const lowered = expectOk(await setBudget('1.00', pot)).setBudget;
      expect(lowered.remaining.amount).toBe('1.00');
      const { rows } = await app.pool.query('SELECT status FROM service_order WHERE id = $1', [stale.id]);
      expect(rows[0].status).toBe('EXPIRED');
      const audit = await app.pool.query(
        `SELECT action, before->'reserved'->>'amount' AS reserved_before, after->'reserved'->>'amount' AS reserved_after
         FROM audit_event WHERE entity_id IN ($1, $2) ORDER BY seq DESC LIMIT 2`,
        [stale.id, lowered.id],
      );
      // The sweep comes first (it releases the reservation before the pot is locked, so that pots are
      // always taken in financial-year order): the budget's audit event shows the pot as locked after it.
      expect(audit.rows).toEqual([
        { action: 'budget.changed', reserved_before: '0.00', reserved_after: '0.00' },
        { action: 'order.expired', reserved_before: null, reserved_after: null },
      ]);
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
