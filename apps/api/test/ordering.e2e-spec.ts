import { randomUUID } from 'node:crypto';
import { errorCode, expectOk } from './harness/test-app';
import {
  BUDGETS,
  act,
  admin,
  app,
  budget,
  cara,
  colin,
  offerId,
  place,
  provider,
  setBudget,
  useOrderingWorld,
  wendy,
} from './harness/ordering-world';

describe('direct ordering within budget', () => {
  useOrderingWorld();

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
        // A declared conflict of interest always needs another commissioner's approval (issue 13).
        status: 'PENDING_APPROVAL',
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
});
