import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, type ConnectionShape } from '@mkt/common';
import { fetchKeysetPage, queryOne, queryRows, SqlFilter } from '@mkt/database';
import { OrderView } from '../dtos/order.types';
import { mapOrder, NewOrderRow, OrderRow } from './order.row';

const ORDER_COLUMNS = 'o.*';

/** The quantity and dates of an accepted order, what capacity is judged on. */
export interface AcceptedLoadRow {
  quantity: number;
  start_date: string;
  end_date: string;
}

export type OrderPage = { first: number; after?: string; withTotal: boolean };

/** Every statement on `service_order`; the services decide which connection (transaction or reader) each runs on. */
@Injectable()
export class OrderRepository {
  /** Row bookkeeping takes the app's clock too (one clock for every timestamp). */
  constructor(private readonly clock: Clock) {}

  findByKey(em: EntityManager, placedBy: string, key: string): Promise<OrderRow | undefined> {
    return queryOne<OrderRow>(em, `SELECT ${ORDER_COLUMNS} FROM service_order o WHERE placed_by = $1 AND idempotency_key = $2`, [
      placedBy,
      key.toLowerCase(),
    ]);
  }

  /**
   * Inserts a new order; undefined when a concurrent request with the same idempotency key won (the
   * unique index makes it wait for that one, then skip).
   */
  insert(em: EntityManager, values: NewOrderRow): Promise<OrderRow | undefined> {
    const columns = Object.keys(values) as (keyof NewOrderRow)[];
    return queryOne<OrderRow>(
      em,
      `INSERT INTO service_order (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (placed_by, idempotency_key) DO NOTHING
       RETURNING *`,
      columns.map((c) => values[c]),
    );
  }

  /** The order, locked for the rest of the transaction. */
  lock(em: EntityManager, id: string): Promise<OrderRow | undefined> {
    return queryOne<OrderRow>(em, `SELECT ${ORDER_COLUMNS} FROM service_order o WHERE o.id = $1 FOR UPDATE`, [id]);
  }

  async update(em: EntityManager, id: string, changes: Partial<Record<keyof OrderRow, unknown>>): Promise<OrderRow> {
    const columns = Object.keys(changes);
    const row = await queryOne<OrderRow>(
      em,
      `UPDATE service_order o SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = $${columns.length + 2}
       WHERE id = $1 RETURNING ${ORDER_COLUMNS}`,
      [id, ...columns.map((c) => changes[c as keyof OrderRow]), this.clock.now()],
    );
    return row!;
  }

  /** Accepted orders of the offer whose dates overlap the period. */
  acceptedOverlapping(em: EntityManager, offerId: string, startDate: string, endDate: string): Promise<AcceptedLoadRow[]> {
    return queryRows<AcceptedLoadRow>(
      em,
      `SELECT quantity, start_date, end_date FROM service_order
       WHERE offer_id = $1 AND status = 'ACCEPTED' AND start_date <= $3 AND end_date >= $2`,
      [offerId, startDate, endDate],
    );
  }

  /**
   * Marks orders past their due date EXPIRED (of one budget, or all), returning them: submitted
   * orders past their answer date, and orders waiting for approval past their approval date.
   * Each order is expired by whichever UPDATE reaches it first, so replicas may run it at once.
   */
  expireDue(em: EntityManager, now: Date, budgetId?: string): Promise<OrderRow[]> {
    return queryRows<OrderRow>(
      em,
      `UPDATE service_order o SET status = 'EXPIRED', answered_at = $1, updated_at = $1
       WHERE ((status = 'SUBMITTED' AND response_due_at < $1) OR (status = 'PENDING_APPROVAL' AND approval_due_at < $1))
         ${budgetId ? 'AND (budget_id = $2 OR id IN (SELECT order_id FROM order_budget_phase WHERE budget_id = $2))' : ''}
       RETURNING ${ORDER_COLUMNS}`,
      budgetId ? [now, budgetId] : [now],
    );
  }

  /** The one order the filter (an id and the viewer's scope) leaves. */
  findOne(em: EntityManager, f: SqlFilter): Promise<OrderRow | undefined> {
    return queryOne<OrderRow>(em, `SELECT ${ORDER_COLUMNS} FROM service_order o WHERE ${f.where.join(' AND ')}`, f.params);
  }

  /** A page of the orders the filter leaves, newest first. */
  page(em: EntityManager, f: SqlFilter, page: OrderPage): Promise<ConnectionShape<OrderView>> {
    return fetchKeysetPage<OrderRow, OrderView>(
      em,
      { select: ORDER_COLUMNS, from: 'service_order o', seqColumn: 'o.seq', where: f.where, params: f.params, ...page },
      mapOrder,
    );
  }

  byIds(em: EntityManager, ids: readonly string[]): Promise<OrderRow[]> {
    return queryRows<OrderRow>(em, `SELECT ${ORDER_COLUMNS} FROM service_order o WHERE o.id = ANY($1)`, [ids]);
  }
}
