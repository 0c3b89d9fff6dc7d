import { hasRole, type Principal, Role } from '@mkt/auth';
import { ApprovalLevel, levelCovers } from '../award.enums';
import { OrderStatus } from '../ordering.enums';
import { OrderingErrorCode, OrderingException } from '../ordering.exception';
import { OrderRow } from '../repositories/order.row';

/**
 * The highest approval a principal holds for a region under the scheme of delegation: COMMERCIAL
 * (any region), REGIONAL_DIRECTOR of its regions, a COMMISSIONER of the region as peer; else NONE.
 */
export function approverLevel(actor: Principal, regionCode: string): ApprovalLevel {
  if (hasRole(actor, Role.COMMERCIAL)) return ApprovalLevel.COMMERCIAL;
  const inRegion = actor.regions.includes(regionCode);
  if (inRegion && hasRole(actor, Role.REGIONAL_DIRECTOR)) return ApprovalLevel.REGIONAL_DIRECTOR;
  if (inRegion && hasRole(actor, Role.COMMISSIONER)) return ApprovalLevel.PEER_COMMISSIONER;
  return ApprovalLevel.NONE;
}

/** Who may reject an order waiting for approval: anyone who could approve some order of its region. */
export function assertMayReview(actor: Principal, row: OrderRow): void {
  if (approverLevel(actor, row.region_code) === ApprovalLevel.NONE) throw OrderingException.notFound();
}

/** Someone other than the placer, holding at least the level the order needs. */
export function assertMayApprove(actor: Principal, row: OrderRow): void {
  assertMayReview(actor, row);
  if (row.placed_by === actor.sub) {
    throw new OrderingException(OrderingErrorCode.FORBIDDEN, 'Another commissioner must approve an order you placed');
  }
  const held = approverLevel(actor, row.region_code);
  if (!levelCovers(held, row.approval_level)) {
    throw new OrderingException(
      OrderingErrorCode.APPROVAL_LEVEL_TOO_LOW,
      `This order needs approval at ${row.approval_level} level under the scheme of delegation; you hold ${held}`,
      { needed: row.approval_level, held },
    );
  }
}

/** An order past its due date: unanswered by the provider, or not approved in time. */
export function isOverdue(row: Pick<OrderRow, 'status' | 'response_due_at' | 'approval_due_at'>, now: Date): boolean {
  if (row.status === OrderStatus.SUBMITTED) return !!row.response_due_at && row.response_due_at < now;
  if (row.status === OrderStatus.PENDING_APPROVAL) return !!row.approval_due_at && row.approval_due_at < now;
  return false;
}
