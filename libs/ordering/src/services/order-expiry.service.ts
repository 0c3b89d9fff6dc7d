import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@mkt/common';
import { AuditService } from '@mkt/audit';
import { TransactionRunner } from '@mkt/database';
import { OrderRepository } from '../repositories/order.repository';
import { auditView, mapOrder } from '../repositories/order.row';
import { type PotRef } from '../rules/pot-lock-order';
import { OrderBudgetPhases } from './order-budget-phases';

/**
 * Orders not answered by their due date expire and release their reservations: for one budget
 * inside a caller's transaction (placing an order that would not fit, acting on a stale order,
 * setting a budget), on reads (throttled), and on the scheduler's timer.
 */
@Injectable()
export class OrderExpiryService {
  private lastSweep = 0;

  constructor(
    private readonly db: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly audit: AuditService,
    private readonly phases: OrderBudgetPhases,
    private readonly clock: Clock,
  ) {}

  /**
   * Expires orders past their answer date and releases their reservations: for one budget inside
   * a caller's transaction, or everywhere (the periodic sweep). Safe to run on several replicas at
   * once: each order is expired by whichever UPDATE reaches it first. `alsoLock`: pots the caller
   * goes on to reserve, taken in the same year order as the expired orders' pots.
   */
  async expireDue(em: EntityManager, budgetId?: string, alsoLock: readonly PotRef[] = []): Promise<number> {
    const expired = await this.orders.expireDue(em, this.clock.now(), budgetId);
    // Every pot involved is taken in financial-year order before any is released (no deadlock with placements).
    await this.phases.releaseInYearOrder(em, expired, alsoLock);
    for (const row of expired) {
      await this.audit.record(
        em,
        { sub: 'system:order-expiry', roles: [], regions: [] },
        {
          action: 'order.expired',
          entityType: 'Order',
          entityId: row.id,
          after: auditView(mapOrder(row)),
        },
      );
    }
    return expired.length;
  }

  async sweepExpired(): Promise<number> {
    return this.db.run((em) => this.expireDue(em));
  }

  /** Reads show current states: at most one sweep a second per process (any replica may do it). */
  async expireDueThrottled(): Promise<void> {
    // Real time, not the Clock: this bounds database load per real second, and moving business time
    // (tests go forward and back by days) must neither open nor shut the throttle.
    const now = Date.now();
    if (now - this.lastSweep < 1_000) return;
    this.lastSweep = now;
    await this.sweepExpired();
  }
}
