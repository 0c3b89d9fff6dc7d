import { ServiceOffersService } from '@mkt/catalogue';
import { OrganisationsService } from '@mkt/organisations';
import { BudgetAllocationService, OrderingErrorCode, OrderingModule, OrdersService, OrderStatus } from '@mkt/ordering';
import {
  attempt,
  LibTest,
  northWestBudget,
  orderInput,
  principals,
  ProviderFixture,
  publishedOffer,
  registerProvider,
  startLibTest,
} from '@mkt/testing';

describe('OrdersService (real PostgreSQL)', () => {
  let t: LibTest;
  let orders: OrdersService;
  let provider: ProviderFixture;
  let offerId: string;
  let budgetId: string;
  const cara = principals.commissioner('north-west');
  const colin = principals.commissioner('north-west');

  const pot = async () =>
    (await t.rows('SELECT reserved_pence, committed_pence FROM budget WHERE id = $1', [budgetId]))[0] as {
      reserved_pence: string;
      committed_pence: string;
    };

  beforeAll(async () => {
    // 850.00 per referral; orders above 2,000.00 wait for a second commissioner.
    t = await startLibTest({ imports: [OrderingModule], env: { ORDER_APPROVAL_THRESHOLD: '2000.00', ORDER_EXPIRY_SWEEP_SECONDS: '0' } });
    orders = t.get(OrdersService);
    provider = await registerProvider(t.get(OrganisationsService));
    offerId = (await publishedOffer(t.get(ServiceOffersService), provider)).id;
    budgetId = (await northWestBudget(t.get(BudgetAllocationService), '10000.00')).id;
  });
  afterAll(() => t?.close());

  it('reserves the total on placing; accepting commits it and creates the contract', async () => {
    const placed = await orders.place(cara, orderInput(offerId, { quantity: 2 }));
    expect(placed).toMatchObject({ status: OrderStatus.SUBMITTED, total: { amount: '1700.00' }, financialYear: '2026-27' });
    expect(await pot()).toEqual({ reserved_pence: '170000', committed_pence: '0' });
    const accepted = await orders.accept(provider.actor, placed.id);
    expect(accepted.status).toBe(OrderStatus.ACCEPTED);
    expect(await pot()).toEqual({ reserved_pence: '0', committed_pence: '170000' });
    const contracts = await t.rows('SELECT value_pence FROM contract WHERE order_id = $1', [placed.id]);
    expect(contracts).toEqual([{ value_pence: '170000' }]);
  });

  it('a retry with the same idempotency key returns the first order and reserves once', async () => {
    // Another provider: the first's running total (1,700.00 accepted) would send any further order for approval.
    const other = await registerProvider(t.get(OrganisationsService));
    const input = orderInput((await publishedOffer(t.get(ServiceOffersService), other)).id, { quantity: 1 });
    const first = await orders.place(cara, input);
    const again = await orders.place(cara, input);
    expect(again.id).toBe(first.id);
    expect(await t.rows('SELECT count(*)::int AS n FROM service_order WHERE idempotency_key = $1', [input.idempotencyKey])).toEqual([{ n: 1 }]);
    expect((await pot()).reserved_pence).toBe('85000');
    await orders.withdraw(cara, first.id, 'Placed in error');
    expect((await pot()).reserved_pence).toBe('0');
  });

  it('an order above the threshold needs another commissioner to approve it', async () => {
    const placed = await orders.place(cara, orderInput(offerId, { quantity: 3 }));
    expect(placed.status).toBe(OrderStatus.PENDING_APPROVAL);
    await expect(attempt(() => orders.approve(cara, placed.id))).rejects.toMatchObject({ code: OrderingErrorCode.FORBIDDEN });
    expect((await orders.approve(colin, placed.id)).status).toBe(OrderStatus.SUBMITTED);
    await orders.decline(provider.actor, placed.id, 'No capacity this quarter');
    expect((await pot()).reserved_pence).toBe('0');
  });

  it('refuses an order that does not fit the budget, and stores nothing', async () => {
    const input = orderInput(offerId, { quantity: 10 }); // 8,500.00 of the 8,300.00 left
    await expect(attempt(() => orders.place(cara, input))).rejects.toMatchObject({ code: OrderingErrorCode.BUDGET_EXCEEDED });
    expect(await t.rows('SELECT id FROM service_order WHERE idempotency_key = $1', [input.idempotencyKey])).toEqual([]);
    expect(await pot()).toEqual({ reserved_pence: '0', committed_pence: '170000' });
  });
});
