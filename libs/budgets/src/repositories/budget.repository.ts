import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, type Pence } from '@mkt/common';
import { queryOne, queryRows, SqlFilter } from '@mkt/database';
import { BudgetRow, PotKey } from './budget.row';

/**
 * Every statement on `budget`. Each money movement is one conditional UPDATE on the row inside the
 * caller's transaction, so concurrent orders queue on the row (the CHECK constraint is the last line).
 */
@Injectable()
export class BudgetRepository {
  /** Row bookkeeping takes the app's clock too (one clock for every timestamp). */
  constructor(private readonly clock: Clock) {}

  /** The pot with exactly this key; `lock` holds it for the rest of the transaction. */
  findPot(em: EntityManager, pot: PotKey, lock = false): Promise<BudgetRow | undefined> {
    return queryOne<BudgetRow>(
      em,
      `SELECT * FROM budget WHERE region_code = $1 AND financial_year = $2 AND coalesce(category, '') = coalesce($3, '')
       ${lock ? 'FOR UPDATE' : ''}`,
      [pot.regionCode, pot.financialYear, pot.category],
    );
  }

  /** Creates the pot or changes its allocation; undefined when the change would go below reserved + committed. */
  upsertAllocation(em: EntityManager, pot: PotKey, amount: Pence, indicative = false): Promise<BudgetRow | undefined> {
    return queryOne<BudgetRow>(
      em,
      `INSERT INTO budget (region_code, financial_year, category, allocated_pence, indicative, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (region_code, financial_year, (coalesce(category, '')))
       DO UPDATE SET allocated_pence = EXCLUDED.allocated_pence, indicative = EXCLUDED.indicative, updated_at = EXCLUDED.updated_at
         WHERE budget.reserved_pence + budget.committed_pence <= EXCLUDED.allocated_pence
       RETURNING *`,
      [pot.regionCode, pot.financialYear, pot.category, amount.toString(), indicative, this.clock.now()],
    );
  }

  /** Pots matching the filter in report order, at most `limit` of them. */
  list(em: EntityManager, f: SqlFilter, limit: number): Promise<BudgetRow[]> {
    return queryRows<BudgetRow>(
      em,
      `SELECT * FROM budget WHERE ${f.where.length ? f.where.join(' AND ') : 'TRUE'}
       ORDER BY financial_year, region_code, category NULLS FIRST
       LIMIT ${limit}`,
      f.params,
    );
  }

  /** The category pot when one exists, else the region's general pot. */
  potFor(em: EntityManager, regionCode: string, financialYear: string, category: string): Promise<BudgetRow | undefined> {
    return queryOne<BudgetRow>(
      em,
      `SELECT * FROM budget WHERE region_code = $1 AND financial_year = $2 AND (category = $3 OR category IS NULL)
       ORDER BY category NULLS LAST LIMIT 1`,
      [regionCode, financialYear, category],
    );
  }

  byId(em: EntityManager, id: string): Promise<BudgetRow | undefined> {
    return queryOne<BudgetRow>(em, 'SELECT * FROM budget WHERE id = $1', [id]);
  }

  byIds(em: EntityManager, ids: readonly string[]): Promise<BudgetRow[]> {
    return queryRows<BudgetRow>(em, 'SELECT * FROM budget WHERE id = ANY($1)', [ids]);
  }

  /** Reserves `amount` if it fits in what remains; false when it does not. */
  async reserve(em: EntityManager, id: string, amount: Pence): Promise<boolean> {
    const row = await queryOne(
      em,
      `UPDATE budget SET reserved_pence = reserved_pence + $2::bigint, updated_at = $3
       WHERE id = $1 AND allocated_pence - reserved_pence - committed_pence >= $2::bigint RETURNING id`,
      [id, amount.toString(), this.clock.now()],
    );
    return !!row;
  }

  /** Moves the committed amount by `delta`; an increase only if it fits. False when it does not. */
  async adjustCommitment(em: EntityManager, id: string, delta: Pence): Promise<boolean> {
    const row = await queryOne(
      em,
      `UPDATE budget SET committed_pence = committed_pence + $2::bigint, updated_at = $3
       WHERE id = $1 AND ($2::bigint <= 0 OR allocated_pence - reserved_pence - committed_pence >= $2::bigint) RETURNING id`,
      [id, delta.toString(), this.clock.now()],
    );
    return !!row;
  }

  /** Paid out of the commitment (a reversal passes a negative amount); committed is unchanged, it includes what is paid. */
  markPaid(em: EntityManager, id: string, amount: Pence): Promise<void> {
    return this.move(em, id, `paid_pence = paid_pence + $2::bigint`, amount);
  }

  /** Takes money back out of the commitment; it returns to remaining and is counted as released. */
  releaseCommitment(em: EntityManager, id: string, amount: Pence): Promise<void> {
    return this.move(em, id, `committed_pence = committed_pence - $2::bigint, released_pence = released_pence + $2::bigint`, amount);
  }

  /** Locks pots (in the order given) for the rest of the transaction. */
  async lockIds(em: EntityManager, ids: readonly string[]): Promise<void> {
    for (const id of ids) await queryOne(em, 'SELECT id FROM budget WHERE id = $1 FOR UPDATE', [id]);
  }

  release(em: EntityManager, id: string, amount: Pence): Promise<void> {
    return this.move(em, id, `reserved_pence = reserved_pence - $2::bigint`, amount);
  }

  commitReserved(em: EntityManager, id: string, amount: Pence): Promise<void> {
    return this.move(em, id, `reserved_pence = reserved_pence - $2::bigint, committed_pence = committed_pence + $2::bigint`, amount);
  }

  private async move(em: EntityManager, id: string, assignment: string, amount: Pence): Promise<void> {
    const row = await queryOne(em, `UPDATE budget SET ${assignment}, updated_at = $3 WHERE id = $1 RETURNING id`, [
      id,
      amount.toString(),
      this.clock.now(),
    ]);
    if (!row) throw new Error(`budget ${id} not found while moving money`);
  }
}
