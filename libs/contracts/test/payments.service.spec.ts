import { randomUUID } from 'node:crypto';
import { ServiceOffersService } from '@mkt/catalogue';
import { formatPence, RequestLoaders } from '@mkt/common';
import { ContractsErrorCode, ContractsService, ContractView, PaymentKind, PaymentsService } from '@mkt/contracts';
import { BudgetAllocationService, OrderingModule, OrdersService } from '@mkt/ordering';
import { OrganisationsService } from '@mkt/organisations';
import {
  acceptedOrder,
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

/** Contracts come from accepted orders: the arrangement goes through ordering, as in the app. */
describe('ContractsService and PaymentsService (real PostgreSQL)', () => {
  let t: LibTest;
  let contracts: ContractsService;
  let payments: PaymentsService;
  let provider: ProviderFixture;
  let contract: ContractView;
  const cara = principals.commissioner('north-west');

  const fixedPayment = (amount: string, idempotencyKey = randomUUID()) => ({
    contractId: contract.id,
    period: '2026-27-Q1',
    kind: PaymentKind.FIXED,
    amount,
    paidOn: '2026-07-15',
    reference: `FIN-${idempotencyKey.slice(0, 8)}`,
    idempotencyKey,
  });

  beforeAll(async () => {
    t = await startLibTest({ imports: [OrderingModule], env: { ORDER_EXPIRY_SWEEP_SECONDS: '0' } });
    contracts = t.get(ContractsService);
    payments = t.get(PaymentsService);
    provider = await registerProvider(t.get(OrganisationsService));
    const offer = await publishedOffer(t.get(ServiceOffersService), provider);
    await northWestBudget(t.get(BudgetAllocationService), '10000.00');
    const order = await acceptedOrder(t.get(OrdersService), cara, provider.actor, orderInput(offer.id, { quantity: 2 }));
    const [{ id }] = await t.rows<{ id: string }>('SELECT id FROM contract WHERE order_id = $1', [order.id]);
    contract = await contracts.get(cara, new RequestLoaders(), id);
  });
  afterAll(() => t?.close());

  it('splits the order value into a fixed and an outcome part (20% by default), in integer pence', async () => {
    const [row] = await t.rows('SELECT value_pence, fixed_part_pence, outcome_part_pence FROM contract WHERE id = $1', [contract.id]);
    expect(row).toEqual({ value_pence: '170000', fixed_part_pence: '136000', outcome_part_pence: '34000' });
  });

  it('records a fixed instalment up to what is due, and refuses an overpayment', async () => {
    const state = await t.transaction((em) => contracts.state(em, contract));
    const q1 = state.schedule.find((line) => line.period === '2026-27-Q1')!;
    expect(q1.fixedDue).toBeGreaterThan(0n);
    const half = q1.fixedDue / 2n;
    const paid = await payments.record(cara, fixedPayment(formatPence(half)));
    expect(paid).toMatchObject({ kind: PaymentKind.FIXED, amount: { amount: formatPence(half) }, recordedBy: cara.sub });
    await expect(attempt(() => payments.record(cara, fixedPayment(formatPence(q1.fixedDue - half + 1n))))).rejects.toMatchObject({
      code: ContractsErrorCode.OVERPAYMENT,
    });
    const ledger = await t.rows('SELECT amount_pence FROM payment WHERE contract_id = $1', [contract.id]);
    expect(ledger).toEqual([{ amount_pence: half.toString() }]);
  });

  it('a retried payment with the same idempotency key is recorded once', async () => {
    const input = fixedPayment('1.00');
    const first = await payments.record(cara, input);
    expect((await payments.record(cara, input)).id).toBe(first.id);
    expect(await t.rows('SELECT count(*)::int AS n FROM payment WHERE idempotency_key = $1', [input.idempotencyKey])).toEqual([{ n: 1 }]);
  });

  it('shows the contract to its provider and region, not to another provider', async () => {
    expect((await contracts.get(provider.actor, new RequestLoaders(), contract.id)).id).toBe(contract.id);
    const other = await registerProvider(t.get(OrganisationsService));
    await expect(attempt(() => contracts.get(other.actor, new RequestLoaders(), contract.id))).rejects.toMatchObject({
      code: ContractsErrorCode.NOT_FOUND,
    });
    await expect(attempt(() => contracts.get(principals.commissioner('wales'), new RequestLoaders(), contract.id))).rejects.toMatchObject({
      code: ContractsErrorCode.NOT_FOUND,
    });
  });
});
