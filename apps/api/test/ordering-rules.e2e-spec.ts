import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { awardContract } from './harness/contract-factories';
import { createPublishedOffer, ProviderHandle, registerProvider } from './harness/factories';
import { errorCode, expectOk, GqlResult, startTestApp, TestApp } from './harness/test-app';

/**
 * Rules that stop money moving wrongly: the price the commissioner saw, one person on one side of an
 * order, a missing budget told apart from a full one, and money in messages always in pounds.
 */
const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status offerVersion total { amount } } }`;
const BUDGETS = `query ($filter: BudgetsFilter) { budgets(filter: $filter) { financialYear category reserved { amount } remaining { amount } } }`;
/** Money in a message: "GBP 2,720.00"; never a bare count of pence. */
const POUNDS = /GBP \d{1,3}(,\d{3})*\.\d{2}/;

describe('ordering rules that keep money moving rightly', () => {
  let app: TestApp;
  let directorate: string;
  let cara: string; // commissioner, north-west
  let colin: string; // second commissioner, north-west
  let dana: string; // one token holding both sides: commissioner of north-west and bid manager of the provider
  let provider: ProviderHandle;
  let offerId: string;

  const setBudget = (financialYear: string, amount: string) =>
    app.gql(
      `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { id remaining { amount } } }`,
      { input: { regionCode: 'north-west', financialYear, amount } },
      directorate,
    );
  const place = (overrides: Record<string, unknown> = {}, token = cara) =>
    app.gql(
      PLACE,
      {
        input: {
          offerId,
          pduCode: 'liverpool-north',
          quantity: 1,
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
      `mutation ($id: ID!${reason ? ', $reason: String!' : ''}) { ${mutation}(id: $id${reason ? ', reason: $reason' : ''}) { id status } }`,
      reason ? { id, reason } : { id },
      token,
    );
  const reserved = async (financialYear: string) =>
    expectOk(await app.gql(BUDGETS, { filter: { financialYears: [financialYear], regionCodes: ['north-west'] } }, directorate)).budgets[0]?.reserved
      .amount;
  /** What a refused call must leave behind: no order, no audit event, no reservation. */
  const snapshot = async () => {
    const { rows } = await app.pool.query(
      `SELECT (SELECT count(*)::int FROM service_order) AS orders, (SELECT count(*)::int FROM audit_event) AS events,
              (SELECT coalesce(sum(reserved_pence + committed_pence), 0)::text FROM budget) AS held`,
    );
    return rows[0];
  };
  const firstError = (result: GqlResult) => result.errors![0];

  beforeAll(async () => {
    app = await startTestApp({ ORDER_APPROVAL_THRESHOLD: '25000.00', ORDER_EXPIRY_SWEEP_SECONDS: '0' });
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dee' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    provider = await registerProvider(app, { regionCodes: ['north-west'] });
    dana = await app.token({ roles: [Role.COMMISSIONER, Role.PROVIDER], regions: ['north-west'], org: provider.identifier, sub: 'dana' });
    offerId = (await createPublishedOffer(app, provider, { unitPrice: '850.00', capacityPerMonth: 200 })).id;
    expectOk(await setBudget('2026-27', '200000.00'));
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('the offer version the commissioner saw', () => {
    it('places an order when expectedOfferVersion is the current version', async () => {
      const order = expectOk(await place({ expectedOfferVersion: 1 })).placeOrder;
      expect(order).toMatchObject({ status: 'SUBMITTED', offerVersion: 1, total: { amount: '850.00' } });
      expectOk(await act('withdrawOrder', order.id, cara, 'Tidy up'));
    });

    it('refuses with OFFER_CHANGED, the current version and price, when the provider re-priced in between; nothing is written', async () => {
      const updated = await app.gql(
        `mutation ($id: ID!) { updateServiceOffer(id: $id, input: { unitPrice: "2720.00" }) { version } }`,
        { id: offerId },
        provider.token,
      );
      expect(expectOk(updated).updateServiceOffer.version).toBe(2);
      const before = await snapshot();
      const result = await place({ expectedOfferVersion: 1, quantity: 2 });
      expect(errorCode(result)).toBe('OFFER_CHANGED');
      expect(firstError(result).extensions).toMatchObject({ field: 'expectedOfferVersion', currentVersion: 2, unitPrice: '2720.00' });
      expect(firstError(result).message).toContain('GBP 2,720.00');
      expect(await snapshot()).toEqual(before);

      const order = expectOk(await place({ expectedOfferVersion: 2, quantity: 2 })).placeOrder;
      expect(order).toMatchObject({ offerVersion: 2, total: { amount: '5440.00' } });
      expectOk(await act('withdrawOrder', order.id, cara, 'Tidy up'));
    });

    it('still places orders for clients that do not send it, and refuses a version that is not a positive whole number', async () => {
      const order = expectOk(await place()).placeOrder;
      expect(order.offerVersion).toBe(2);
      expectOk(await act('withdrawOrder', order.id, cara, 'Tidy up'));
      expect(errorCode(await place({ expectedOfferVersion: 0 }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('separation of sides', () => {
    it('refuses SEPARATION_OF_DUTIES when the principal who placed an order tries to accept or decline it', async () => {
      const order = expectOk(await place({}, dana)).placeOrder;
      expect(order.status).toBe('SUBMITTED');
      const accepted = await act('acceptOrder', order.id, dana);
      expect(errorCode(accepted)).toBe('SEPARATION_OF_DUTIES');
      expect(errorCode(await act('declineOrder', order.id, dana, 'Not for us'))).toBe('SEPARATION_OF_DUTIES');
      const { rows } = await app.pool.query('SELECT status, answered_by FROM service_order WHERE id = $1', [order.id]);
      expect(rows[0]).toEqual({ status: 'SUBMITTED', answered_by: null });
      // Someone else at the provider may answer it.
      expect(expectOk(await act('acceptOrder', order.id, provider.token)).acceptOrder.status).toBe('ACCEPTED');
    });

    it('refuses SEPARATION_OF_DUTIES when the principal who approved an order tries to answer it', async () => {
      const large = expectOk(await place({ quantity: 10 })).placeOrder; // 27,200.00 > 25,000.00 threshold
      expect(large.status).toBe('PENDING_APPROVAL');
      expect(expectOk(await act('approveOrder', large.id, dana)).approveOrder.status).toBe('SUBMITTED');
      expect(errorCode(await act('acceptOrder', large.id, dana))).toBe('SEPARATION_OF_DUTIES');
      expect(errorCode(await act('declineOrder', large.id, dana, 'Not for us'))).toBe('SEPARATION_OF_DUTIES');
      expect(expectOk(await act('declineOrder', large.id, provider.token, 'No places left this quarter')).declineOrder.status).toBe('DECLINED');
    });

    it('keeps the placer from approving an order above ORDER_APPROVAL_THRESHOLD', async () => {
      const large = expectOk(await place({ quantity: 10 }, colin)).placeOrder;
      expect(large.status).toBe('PENDING_APPROVAL');
      expect(errorCode(await act('approveOrder', large.id, colin))).toBe('FORBIDDEN');
      expectOk(await act('rejectOrder', large.id, cara, 'Tidy up'));
    });
  });

  describe('budgets that are missing or full', () => {
    it('refuses BUDGET_NOT_SET when no pot exists for the year and region, writing nothing', async () => {
      const before = await snapshot();
      const result = await place({ startDate: '2029-05-01', endDate: '2029-05-31' });
      expect(errorCode(result)).toBe('BUDGET_NOT_SET');
      expect(firstError(result).extensions).toMatchObject({ regionCode: 'north-west', financialYear: '2029-30', category: 'ACCOMMODATION' });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses BUDGET_EXCEEDED with what remains, as Money and in pounds in the message', async () => {
      expectOk(await setBudget('2028-29', '8160.00'));
      const dated = { startDate: '2028-05-01', endDate: '2028-05-31' };
      expectOk(await place({ quantity: 2, ...dated })); // 5,440.00 of 8,160.00
      const before = await snapshot();
      const result = await place({ quantity: 2, ...dated });
      expect(errorCode(result)).toBe('BUDGET_EXCEEDED');
      expect(firstError(result).extensions).toMatchObject({ needed: '5440.00', remaining: '2720.00' });
      expect(firstError(result).message).toContain('GBP 5,440.00 needed');
      expect(firstError(result).message).toContain('GBP 2,720.00 left');
      expect(await snapshot()).toEqual(before);
      expect(await reserved('2028-29')).toBe('5440.00');
    });
  });

  describe('money in messages', () => {
    it('shows amounts in pounds, never pence, when a budget cannot be lowered below its commitments', async () => {
      const result = await setBudget('2028-29', '1');
      expect(errorCode(result)).toBe('BUDGET_BELOW_COMMITMENTS');
      expect(firstError(result).message).toBe('The budget cannot be lowered to GBP 1.00: GBP 5,440.00 is reserved and GBP 0.00 committed');
    });

    it('shows amounts in pounds in contract variation and payment refusals', async () => {
      const contract = await awardContract(app, cara, provider, {
        offerId,
        pduCode: 'liverpool-north',
        quantity: 2,
        startDate: '2026-04-01',
        endDate: '2026-06-30',
        outcomeSharePercent: 0,
      });
      const pay = (amount: string) =>
        app.gql(
          `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
          {
            input: {
              contractId: contract.id,
              period: '2026-27-Q1',
              kind: 'FIXED',
              amount,
              paidOn: '2026-11-20',
              reference: 'FIN-0001',
              idempotencyKey: randomUUID(),
            },
          },
          cara,
        );
      expectOk(await pay('5440.00'));
      const overpaid = await pay('1');
      expect(errorCode(overpaid)).toBe('OVERPAYMENT');
      expect(firstError(overpaid).message).toBe('GBP 5,440.00 of GBP 5,440.00 due for 2026-27-Q1 (FIXED) is paid; GBP 1.00 more would overpay');

      const vary = (value: string) =>
        app.gql(
          `mutation ($input: VaryContractInput!) { varyContract(input: $input) { version } }`,
          { input: { contractId: contract.id, expectedVersion: 1, changes: { value }, reason: 'Re-scoped' } },
          cara,
        );
      const shrunk = await vary('4000.00');
      expect(errorCode(shrunk)).toBe('INVALID_VARIATION');
      expect(firstError(shrunk).message).toMatch(POUNDS);
      expect(firstError(shrunk).message).toContain('GBP 5,440.00 already paid');
      expect(firstError(shrunk).message).not.toMatch(/pence|544000/);

      const remaining = expectOk(await app.gql(BUDGETS, { filter: { financialYears: ['2026-27'], regionCodes: ['north-west'] } }, directorate))
        .budgets[0].remaining.amount as string;
      const tooMuch = await vary('999999.00');
      expect(errorCode(tooMuch)).toBe('BUDGET_EXCEEDED');
      expect(firstError(tooMuch).extensions).toMatchObject({ remaining });
      expect(firstError(tooMuch).message).toMatch(POUNDS);
    });
  });
});
