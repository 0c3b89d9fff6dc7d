import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Pence } from '@mkt/common';
import { queryRows } from '@mkt/database';

/** An `order_budget_phase` row as PostgreSQL returns it (bigint pence as text). */
export interface OrderBudgetPhaseRow {
  order_id: string;
  financial_year: string;
  budget_id: string;
  amount_pence: string;
  indicative: boolean;
}

export interface NewOrderBudgetPhase {
  financialYear: string;
  budgetId: string;
  amountPence: Pence;
  indicative: boolean;
}

/** Every statement on `order_budget_phase`. */
@Injectable()
export class OrderBudgetPhaseRepository {
  async insert(em: EntityManager, orderId: string, phases: readonly NewOrderBudgetPhase[]): Promise<void> {
    await queryRows(
      em,
      `INSERT INTO order_budget_phase (order_id, financial_year, budget_id, amount_pence, indicative)
       SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::bigint[], $5::boolean[])`,
      [
        orderId,
        phases.map((p) => p.financialYear),
        phases.map((p) => p.budgetId),
        phases.map((p) => p.amountPence.toString()),
        phases.map((p) => p.indicative),
      ],
    );
  }

  /** The phases of the orders, each order's in financial-year order. */
  ofOrders(em: EntityManager, orderIds: readonly string[]): Promise<OrderBudgetPhaseRow[]> {
    return queryRows<OrderBudgetPhaseRow>(em, 'SELECT * FROM order_budget_phase WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, financial_year', [
      orderIds,
    ]);
  }
}
