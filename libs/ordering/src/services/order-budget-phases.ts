import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { Clock, financialYearOf, Money, type Pence, penceFromDb, RequestLoaders } from '@mkt/common';
import { TransactionRunner } from '@mkt/database';
import { BudgetsService } from '@mkt/budgets';
import { contractPhases } from '@mkt/contracts';
import { OrderBudgetPhaseView } from '../dtos/order-budget-phase.types';
import { OrderingException } from '../ordering.exception';
import { type PotRef, potsInLockOrder } from '../rules/pot-lock-order';
import { NewOrderBudgetPhase, OrderBudgetPhaseRepository, OrderBudgetPhaseRow } from '../repositories/order-budget-phase.repository';
import { OrderRow } from '../repositories/order.row';

/** What an order is phased from: its pot's key and its terms. */
export interface PhasingOrder {
  regionCode: string;
  category: string;
  startDate: string;
  endDate: string;
  reportingPeriod: 'MONTHLY' | 'QUARTERLY';
  totalPence: Pence;
  outcomeSharePercent: number;
}

/** One year's share of an order, on the pot it draws on. */
export interface PlannedPhase extends NewOrderBudgetPhase {
  category: string | null;
}

/**
 * An order's money per financial year (issue 13): each year's phase (the contract's schedule,
 * `contractPhases`) is reserved on that year's pot, committed on acceptance and released on every
 * way out. Pots are always touched in financial-year order, so two orders spanning the same years
 * queue on the first pot instead of deadlocking.
 */
@Injectable()
export class OrderBudgetPhases {
  constructor(
    private readonly db: TransactionRunner,
    private readonly budgets: BudgetsService,
    private readonly phases: OrderBudgetPhaseRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The pots an order would draw on, one per financial year with money in it; refused when a year
   * has ended (FINANCIAL_YEAR_CLOSED), has no pot (BUDGET_NOT_SET), or when the first (or the
   * current) year has only an indicative allocation. `historic` (loading orders of past years, or
   * RETROSPECTIVE_ORDERS=allow) lets a placement charge an ended year.
   */
  async plan(em: EntityManager, order: PhasingOrder, historic = false): Promise<PlannedPhase[]> {
    const currentYear = financialYearOf(this.clock.today());
    const years = contractPhases({ ...order, valuePence: order.totalPence }).filter((p, i) => i === 0 || p.total > 0n);
    const closed = historic ? undefined : years.find((p) => p.financialYear < currentYear);
    if (closed) throw OrderingException.financialYearClosed(closed.financialYear, currentYear);
    const planned: PlannedPhase[] = [];
    for (const [i, phase] of years.entries()) {
      const pot = await this.budgets.potFor(em, order.regionCode, phase.financialYear, order.category);
      const key = { regionCode: order.regionCode, financialYear: phase.financialYear, category: order.category };
      if (!pot) throw OrderingException.budgetNotSet(key);
      if (pot.indicative && (i === 0 || phase.financialYear <= currentYear)) throw OrderingException.budgetOnlyIndicative(key);
      planned.push({
        financialYear: phase.financialYear,
        budgetId: pot.id,
        amountPence: phase.total,
        indicative: pot.indicative,
        category: pot.category,
      });
    }
    return planned;
  }

  /**
   * Reserves each phase on its pot, in financial-year order, and keeps the phases. When a phase
   * does not fit, `sweep` frees its pot of stale reservations (expired orders) once and the phases
   * are reserved again; then BUDGET_EXCEEDED names the year and what is left in it. The sweep runs
   * holding no pot: the earlier years' reservations are rolled back first (a savepoint), because
   * an expired order may give back money on an earlier year, and taking that pot after a later one
   * could deadlock with an order holding it (see `releaseInYearOrder`).
   */
  async reserve(
    em: EntityManager,
    orderId: string,
    regionCode: string,
    planned: readonly PlannedPhase[],
    sweep: (budgetId: string, alsoLock: readonly PotRef[]) => Promise<number>,
  ): Promise<void> {
    let short = await this.reserveAll(em, planned);
    if (short && (await sweep(short.budgetId, planned)) > 0) short = await this.reserveAll(em, planned);
    if (short) {
      const pot = { budgetId: short.budgetId, regionCode, financialYear: short.financialYear, category: short.category };
      throw OrderingException.budgetExceeded(pot, short.amountPence, await this.budgets.remaining(em, short.budgetId));
    }
    await this.phases.insert(em, orderId, planned);
  }

  /** Every phase reserved (null), or none (the one that did not fit): a later year short undoes the earlier ones. */
  private async reserveAll(em: EntityManager, planned: readonly PlannedPhase[]): Promise<PlannedPhase | null> {
    // One phase: a refused conditional UPDATE holds nothing, so no savepoint is needed.
    if (planned.length === 1) return (await this.budgets.reserve(em, planned[0].budgetId, planned[0].amountPence)) ? null : planned[0];
    try {
      await em.transaction(async (inner) => {
        for (const phase of planned) if (!(await this.budgets.reserve(inner, phase.budgetId, phase.amountPence))) throw new PhaseShort(phase);
      });
      return null;
    } catch (error) {
      if (error instanceof PhaseShort) return error.phase;
      throw error;
    }
  }

  /**
   * Releases the reservations of orders that expired, taking every pot involved (theirs and
   * `alsoLock`) first, in financial-year order: one expired order's phases, or several orders',
   * would otherwise be taken in the order they were found, against the year order placements use.
   */
  async releaseInYearOrder(em: EntityManager, orders: readonly OrderRow[], alsoLock: readonly PotRef[] = []): Promise<void> {
    if (!orders.length) return;
    // One statement for every order's phases (a transaction is one connection: no parallel queries on it).
    const rows = await this.phases.ofOrders(
      em,
      orders.map((o) => o.id),
    );
    const phases = orders.flatMap((o) =>
      phasesOf(
        o,
        rows.filter((r) => r.order_id === o.id),
      ),
    );
    await this.budgets.lockPots(em, potsInLockOrder([...phases, ...alsoLock]));
    for (const p of phases) await this.budgets.release(em, p.budgetId, p.amountPence);
  }

  /** An accepted order: each year's reservation becomes that year's commitment. */
  async commit(em: EntityManager, order: OrderRow): Promise<PhaseOfOrder[]> {
    const phases = await this.of(em, order);
    for (const p of phases) await this.budgets.commitReserved(em, p.budgetId, p.amountPence);
    return phases;
  }

  /** Declined, withdrawn, rejected, expired or cancelled: each year's reservation goes back to its pot. */
  async release(em: EntityManager, order: OrderRow): Promise<void> {
    for (const p of await this.of(em, order)) await this.budgets.release(em, p.budgetId, p.amountPence);
  }

  /** The order's phases in financial-year order; an order without any (none are) is one phase on its pot. */
  async of(em: EntityManager, order: OrderRow): Promise<PhaseOfOrder[]> {
    return phasesOf(order, await this.phases.ofOrders(em, [order.id]));
  }

  /** `Order.budgetPhases` for a page of orders: one statement. */
  loader(loaders: RequestLoaders): DataLoader<string, OrderBudgetPhaseView[]> {
    return loaders.get(
      'ordering.budgetPhases',
      () =>
        new DataLoader(async (orderIds: readonly string[]) => {
          const rows = await this.phases.ofOrders(this.db.reader, orderIds);
          return orderIds.map((id) => rows.filter((r) => r.order_id === id).map((r) => toView(phaseOfRow(r))));
        }),
    );
  }
}

export interface PhaseOfOrder {
  financialYear: string;
  budgetId: string;
  amountPence: Pence;
  indicative: boolean;
}

/** An order's phases from its rows; an order without any (none are) is one phase on its pot. */
function phasesOf(order: OrderRow, rows: readonly OrderBudgetPhaseRow[]): PhaseOfOrder[] {
  if (!rows.length)
    return [{ financialYear: order.financial_year, budgetId: order.budget_id, amountPence: BigInt(order.total_pence), indicative: false }];
  return rows.map(phaseOfRow);
}

function phaseOfRow(row: OrderBudgetPhaseRow): PhaseOfOrder {
  return { financialYear: row.financial_year, budgetId: row.budget_id, amountPence: penceFromDb(row.amount_pence), indicative: row.indicative };
}

function toView(p: PhaseOfOrder): OrderBudgetPhaseView {
  return { financialYear: p.financialYear, budgetId: p.budgetId, amount: Money.of(p.amountPence), indicative: p.indicative };
}

/** Thrown inside the savepoint to roll back the phases already reserved. */
class PhaseShort extends Error {
  constructor(readonly phase: PlannedPhase) {
    super(`phase ${phase.financialYear} does not fit`);
  }
}
