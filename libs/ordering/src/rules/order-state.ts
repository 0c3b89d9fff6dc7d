import { OrderStatus } from '../ordering.enums';

/**
 * The order state machine. PENDING_APPROVAL -> SUBMITTED | REJECTED | EXPIRED (not approved in time);
 * SUBMITTED -> ACCEPTED | DECLINED | WITHDRAWN | EXPIRED; nothing else.
 */
const TRANSITIONS: Record<OrderStatus, OrderStatus[]> = {
  [OrderStatus.PENDING_APPROVAL]: [OrderStatus.SUBMITTED, OrderStatus.REJECTED, OrderStatus.EXPIRED],
  [OrderStatus.SUBMITTED]: [OrderStatus.ACCEPTED, OrderStatus.DECLINED, OrderStatus.WITHDRAWN, OrderStatus.EXPIRED],
  [OrderStatus.REJECTED]: [],
  [OrderStatus.ACCEPTED]: [],
  [OrderStatus.DECLINED]: [],
  [OrderStatus.WITHDRAWN]: [],
  [OrderStatus.EXPIRED]: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States in which the order's total is held as a reservation on its budget. */
export function holdsReservation(status: OrderStatus): boolean {
  return status === OrderStatus.PENDING_APPROVAL || status === OrderStatus.SUBMITTED;
}
