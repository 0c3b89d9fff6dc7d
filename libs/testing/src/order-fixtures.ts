import { randomUUID } from 'node:crypto';
import { Principal } from '@mkt/auth';
import { BudgetAllocationService, OrdersService, OrderView } from '@mkt/ordering';
import { principals } from './principals';

export type PlaceOrderInput = Parameters<OrdersService['place']>[1];

/** An order for `offerId` in Liverpool North (north-west), May to July 2026 (financial year 2026-27). */
export function orderInput(offerId: string, overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  return {
    offerId,
    pduCode: 'liverpool-north',
    quantity: 2,
    startDate: '2026-05-01',
    endDate: '2026-07-31',
    idempotencyKey: randomUUID(),
    ...overrides,
  };
}

/** The north-west's general pot for 2026-27, set by the directorate. */
export function northWestBudget(budgets: BudgetAllocationService, amount: string) {
  return budgets.setBudget(principals.directorate(), { regionCode: 'north-west', financialYear: '2026-27', amount });
}

/** Placed by `commissioner` and accepted by the provider: the order and the contract it became. */
export async function acceptedOrder(orders: OrdersService, commissioner: Principal, provider: Principal, input: PlaceOrderInput): Promise<OrderView> {
  const placed = await orders.place(commissioner, input);
  return orders.accept(provider, placed.id);
}
