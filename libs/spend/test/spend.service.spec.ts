import { randomUUID } from 'node:crypto';
import { ServiceOffersService } from '@mkt/catalogue';
import { PaymentKind, PaymentsService } from '@mkt/contracts';
import { BudgetAllocationService, OrderingModule, OrdersService } from '@mkt/ordering';
import { IncomeBand, OrganisationsService } from '@mkt/organisations';
import { SpendErrorCode, SpendGroupKey, SpendModule, SpendService } from '@mkt/spend';
import {
  acceptedOrder,
  attempt,
  LibTest,
  northWestBudget,
  orderInput,
  principals,
  publishedOffer,
  registerProvider,
  startLibTest,
} from '@mkt/testing';

/** Spend is summarised by triggers as contracts and payments are written (ADR 0002): arranged through ordering. */
describe('SpendService (real PostgreSQL)', () => {
  let t: LibTest;
  let spend: SpendService;
  const cara = principals.commissioner('north-west');
  const all = { withProviders: true };

  beforeAll(async () => {
    t = await startLibTest({ imports: [OrderingModule, SpendModule], env: { ORDER_EXPIRY_SWEEP_SECONDS: '0' } });
    spend = t.get(SpendService);
    await northWestBudget(t.get(BudgetAllocationService), '10000.00');
    const organisations = t.get(OrganisationsService);
    const offers = t.get(ServiceOffersService);
    const orders = t.get(OrdersService);
    const small = await registerProvider(organisations, { incomeBand: IncomeBand.UNDER_100K });
    const large = await registerProvider(organisations, { incomeBand: IncomeBand.OVER_10M });
    await acceptedOrder(orders, cara, small.actor, orderInput((await publishedOffer(offers, small)).id, { quantity: 2 })); // 1,700.00
    const bigOrder = await acceptedOrder(orders, cara, large.actor, orderInput((await publishedOffer(offers, large)).id, { quantity: 4 })); // 3,400.00
    const [{ id: contractId }] = await t.rows<{ id: string }>('SELECT id FROM contract WHERE order_id = $1', [bigOrder.id]);
    await t.get(PaymentsService).record(cara, {
      contractId,
      period: '2026-27-Q1',
      kind: PaymentKind.FIXED,
      amount: '500.00',
      paidOn: '2026-07-15',
      reference: 'FIN-0001',
      idempotencyKey: randomUUID(),
    });
  });
  afterAll(() => t?.close());

  it('totals what is committed, paid and outstanding, exactly', async () => {
    const { totals } = await spend.spend(principals.directorate(), { financialYears: ['2026-27'] }, [], all);
    expect(totals).toMatchObject({
      committed: { amount: '5100.00' },
      paid: { amount: '500.00' },
      fixedPaid: { amount: '500.00' },
      outcomePaid: { amount: '0.00' },
      outstanding: { amount: '4600.00' },
      contracts: 2,
      providers: 2,
    });
  });

  it('groups by the provider’s income band', async () => {
    const { rows } = await spend.spend(principals.auditor(), {}, [SpendGroupKey.INCOME_BAND], all);
    const byBand = Object.fromEntries(rows.map((r) => [r.incomeBand, [r.committed.amount, r.paid.amount, r.contracts]]));
    expect(byBand).toEqual({ [IncomeBand.UNDER_100K]: ['1700.00', '0.00', 1], [IncomeBand.OVER_10M]: ['3400.00', '500.00', 1] });
  });

  it('shows a commissioner only their regions, and refuses asking for another', async () => {
    const wendy = principals.commissioner('wales');
    expect((await spend.spend(wendy, {}, [], all)).totals.committed.amount).toBe('0.00');
    expect((await spend.spend(cara, {}, [], all)).totals.committed.amount).toBe('5100.00');
    await expect(attempt(() => spend.spend(wendy, { regionCodes: ['north-west'] }, [], all))).rejects.toMatchObject({
      code: SpendErrorCode.FORBIDDEN,
    });
  });
});
