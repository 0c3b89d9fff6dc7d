import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { formatPounds, Money, parsePence, Pence, penceFromDb, RequestLoaders } from '@mkt/common';
import { commissionerRegions, type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { queryOne, queryRows, SqlFilter, TransactionRunner } from '@mkt/database';
import { ReferenceService, ServiceCategory } from '@mkt/reference';
import { BudgetErrorCode, BudgetException, budgetsTooLarge } from '../budgets.exception';
import { BudgetsFilter, BudgetView, SetBudgetInput } from '../dtos/budget.types';

interface BudgetRow {
  id: string;
  region_code: string;
  financial_year: string;
  category: ServiceCategory | null;
  allocated_pence: string;
  reserved_pence: string;
  committed_pence: string;
}

export function mapBudget(row: BudgetRow): BudgetView {
  const allocated = penceFromDb(row.allocated_pence);
  const reserved = penceFromDb(row.reserved_pence);
  const committed = penceFromDb(row.committed_pence);
  return {
    id: row.id,
    regionCode: row.region_code,
    financialYear: row.financial_year,
    category: row.category,
    allocated: Money.of(allocated),
    reserved: Money.of(reserved),
    committed: Money.of(committed),
    remaining: Money.of(allocated - reserved - committed),
  };
}

/** Releases reservations that are no longer live (expired orders) for a budget, in the caller's transaction. */
export type ReservationSweeper = (em: EntityManager, budgetId: string) => Promise<void>;

/**
 * Budgets hold money; every movement (reserve, release, commit, adjust) is one conditional UPDATE
 * on the budget row inside the caller's transaction, so concurrent orders queue on the row and
 * the CHECK constraint is a second line of defence.
 */
@Injectable()
export class BudgetsService {
  private sweepers: ReservationSweeper[] = [];

  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Ordering registers how to release stale reservations (it depends on budgets, not the reverse). */
  registerSweeper(sweeper: ReservationSweeper): void {
    this.sweepers.push(sweeper);
  }

  async sweep(em: EntityManager, budgetId: string): Promise<void> {
    for (const sweeper of this.sweepers) await sweeper(em, budgetId);
  }

  setBudget(actor: Principal, input: SetBudgetInput): Promise<BudgetView> {
    this.reference.assertRegions([input.regionCode], 'regionCode');
    const amount = parsePence(input.amount);
    return this.db.run(async (em) => {
      const before = await this.findPot(em, input.regionCode, input.financialYear, input.category ?? null, true);
      if (before) await this.sweep(em, before.id);
      const row = await queryOne<BudgetRow>(
        em,
        `INSERT INTO budget (region_code, financial_year, category, allocated_pence)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (region_code, financial_year, (coalesce(category, '')))
         DO UPDATE SET allocated_pence = EXCLUDED.allocated_pence, updated_at = now()
           WHERE budget.reserved_pence + budget.committed_pence <= EXCLUDED.allocated_pence
         RETURNING *`,
        [input.regionCode, input.financialYear, input.category ?? null, amount.toString()],
      );
      if (!row) {
        const current = mapBudget((await this.findPot(em, input.regionCode, input.financialYear, input.category ?? null))!);
        throw new BudgetException(
          BudgetErrorCode.BUDGET_BELOW_COMMITMENTS,
          `The budget cannot be lowered to ${formatPounds(amount)}: ${formatPounds(current.reserved.amount)} is reserved and ` +
            `${formatPounds(current.committed.amount)} committed`,
          { field: 'amount' },
        );
      }
      const after = mapBudget(row);
      await this.audit.record(em, actor, {
        action: before ? 'budget.changed' : 'budget.set',
        entityType: 'Budget',
        entityId: after.id,
        before: before ? mapBudget(before) : undefined,
        after,
      });
      return after;
    });
  }

  /** At most REPORT_MAX_ROWS pots (the bound the GraphQL cost analysis counts `budgets` by). */
  async list(viewer: Principal, filter: BudgetsFilter): Promise<BudgetView[]> {
    const max = this.config.reports.maxRows;
    const f = new SqlFilter().addIf(filter.financialYears, 'financial_year = ANY(?)').addIf(filter.regionCodes, 'region_code = ANY(?)');
    const regions = commissionerRegions(viewer);
    if (regions) f.add('region_code = ANY(?)', regions);
    const rows = await queryRows<BudgetRow>(
      this.db.reader,
      `SELECT * FROM budget WHERE ${f.where.length ? f.where.join(' AND ') : 'TRUE'}
       ORDER BY financial_year, region_code, category NULLS FIRST
       LIMIT ${max + 1}`,
      f.params,
    );
    if (rows.length > max) throw budgetsTooLarge(max);
    return rows.map(mapBudget);
  }

  /** The pot an order draws on: the category pot when one exists, else the region's general pot. */
  async potFor(em: EntityManager, regionCode: string, financialYear: string, category: string): Promise<BudgetView | null> {
    const row = await queryOne<BudgetRow>(
      em,
      `SELECT * FROM budget WHERE region_code = $1 AND financial_year = $2 AND (category = $3 OR category IS NULL)
       ORDER BY category NULLS LAST LIMIT 1`,
      [regionCode, financialYear, category],
    );
    return row ? mapBudget(row) : null;
  }

  /** What is left to reserve or commit, as this transaction sees it (for a refusal's message). */
  async remaining(em: EntityManager, budgetId: string): Promise<Pence> {
    const row = await queryOne<BudgetRow>(em, 'SELECT * FROM budget WHERE id = $1', [budgetId]);
    if (!row) throw new Error(`budget ${budgetId} not found`);
    return penceFromDb(row.allocated_pence) - penceFromDb(row.reserved_pence) - penceFromDb(row.committed_pence);
  }

  /** Reserves `amount` if it fits; false when it does not. */
  async reserve(em: EntityManager, budgetId: string, amount: Pence): Promise<boolean> {
    const row = await queryOne(
      em,
      `UPDATE budget SET reserved_pence = reserved_pence + $2::bigint, updated_at = now()
       WHERE id = $1 AND allocated_pence - reserved_pence - committed_pence >= $2::bigint RETURNING id`,
      [budgetId, amount.toString()],
    );
    return !!row;
  }

  async release(em: EntityManager, budgetId: string, amount: Pence): Promise<void> {
    await this.move(em, budgetId, `reserved_pence = reserved_pence - $2::bigint`, amount);
  }

  /** An accepted order: its reservation becomes a commitment. */
  async commitReserved(em: EntityManager, budgetId: string, amount: Pence): Promise<void> {
    await this.move(em, budgetId, `reserved_pence = reserved_pence - $2::bigint, committed_pence = committed_pence + $2::bigint`, amount);
  }

  /** A contract variation moves its commitment; an increase must fit in what remains. */
  async adjustCommitment(em: EntityManager, budgetId: string, delta: Pence): Promise<boolean> {
    if (delta === 0n) return true;
    const row = await queryOne(
      em,
      `UPDATE budget SET committed_pence = committed_pence + $2::bigint, updated_at = now()
       WHERE id = $1 AND ($2::bigint <= 0 OR allocated_pence - reserved_pence - committed_pence >= $2::bigint) RETURNING id`,
      [budgetId, delta.toString()],
    );
    return !!row;
  }

  loader(loaders: RequestLoaders): DataLoader<string, BudgetView | null> {
    return loaders.get(
      'budgets.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await queryRows<BudgetRow>(this.db.reader, 'SELECT * FROM budget WHERE id = ANY($1)', [ids]);
          const byId = new Map(rows.map((r) => [r.id, mapBudget(r)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  private async move(em: EntityManager, budgetId: string, assignment: string, amount: Pence): Promise<void> {
    const row = await queryOne(em, `UPDATE budget SET ${assignment}, updated_at = now() WHERE id = $1 RETURNING id`, [budgetId, amount.toString()]);
    if (!row) throw new Error(`budget ${budgetId} not found while moving money`);
  }

  private async findPot(em: EntityManager, regionCode: string, financialYear: string, category: string | null, lock = false) {
    return queryOne<BudgetRow>(
      em,
      `SELECT * FROM budget WHERE region_code = $1 AND financial_year = $2 AND coalesce(category, '') = coalesce($3, '')
       ${lock ? 'FOR UPDATE' : ''}`,
      [regionCode, financialYear, category],
    );
  }
}
