import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { formatPounds, parsePence, Pence, penceFromDb, RequestLoaders } from '@mkt/common';
import { commissionerRegions, type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { SqlFilter, TransactionRunner } from '@mkt/database';
import { ReferenceService } from '@mkt/reference';
import { BudgetErrorCode, BudgetException, budgetsTooLarge } from '../budgets.exception';
import { BudgetsFilter, BudgetView, SetBudgetInput } from '../dtos/budget.types';
import { BudgetRepository } from '../repositories/budget.repository';
import { mapBudget, PotKey } from '../repositories/budget.row';

/**
 * Budgets hold money; every movement (reserve, release, commit, adjust) happens inside the
 * caller's transaction. Setting a budget is run by ordering (`setBudget` there): it releases the
 * reservations of expired orders between `lockPot` and `allocate`, which budgets cannot see.
 */
@Injectable()
export class BudgetsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly repository: BudgetRepository,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The allocation asked for: a known region and an exact amount, checked before any transaction starts. */
  allocationOf(input: SetBudgetInput): Pence {
    this.reference.assertRegions([input.regionCode], 'regionCode');
    return parsePence(input.amount);
  }

  /** The pot with this key as it stands, without locking it; null when it is new. */
  async findPot(em: EntityManager, input: SetBudgetInput): Promise<BudgetView | null> {
    const row = await this.repository.findPot(em, potKey(input));
    return row ? mapBudget(row) : null;
  }

  /** The pot being set, locked for the rest of the transaction so its commitments hold still; null when it is new. */
  async lockPot(em: EntityManager, input: SetBudgetInput): Promise<BudgetView | null> {
    const row = await this.repository.findPot(em, potKey(input), true);
    return row ? mapBudget(row) : null;
  }

  /**
   * Sets (or changes) the allocation of a pot locked by `lockPot` (`before` is what that returned),
   * never below what is reserved and committed from it, with its audit event.
   */
  async allocate(em: EntityManager, actor: Principal, input: SetBudgetInput, amount: Pence, before: BudgetView | null): Promise<BudgetView> {
    const row = await this.repository.upsertAllocation(em, potKey(input), amount, input.indicative ?? false);
    if (!row) {
      const current = mapBudget((await this.repository.findPot(em, potKey(input)))!);
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
      before: before ?? undefined,
      after,
    });
    return after;
  }

  /** At most REPORT_MAX_ROWS pots (the bound the GraphQL cost analysis counts `budgets` by). */
  async list(viewer: Principal, filter: BudgetsFilter): Promise<BudgetView[]> {
    const max = this.config.reports.maxRows;
    const f = new SqlFilter().addIf(filter.financialYears, 'financial_year = ANY(?)').addIf(filter.regionCodes, 'region_code = ANY(?)');
    const regions = commissionerRegions(viewer);
    if (regions) f.add('region_code = ANY(?)', regions);
    const rows = await this.repository.list(this.db.reader, f, max + 1);
    if (rows.length > max) throw budgetsTooLarge(max);
    return rows.map(mapBudget);
  }

  /** The pot an order draws on: the category pot when one exists, else the region's general pot. */
  async potFor(em: EntityManager, regionCode: string, financialYear: string, category: string): Promise<BudgetView | null> {
    const row = await this.repository.potFor(em, regionCode, financialYear, category);
    return row ? mapBudget(row) : null;
  }

  /** What is left to reserve or commit, as this transaction sees it (for a refusal's message). */
  async remaining(em: EntityManager, budgetId: string): Promise<Pence> {
    const row = await this.repository.byId(em, budgetId);
    if (!row) throw new Error(`budget ${budgetId} not found`);
    return penceFromDb(row.allocated_pence) - penceFromDb(row.reserved_pence) - penceFromDb(row.committed_pence);
  }

  /** Reserves `amount` if it fits; false when it does not. */
  reserve(em: EntityManager, budgetId: string, amount: Pence): Promise<boolean> {
    return this.repository.reserve(em, budgetId, amount);
  }

  release(em: EntityManager, budgetId: string, amount: Pence): Promise<void> {
    return this.repository.release(em, budgetId, amount);
  }

  /** An accepted order: its reservation becomes a commitment. */
  commitReserved(em: EntityManager, budgetId: string, amount: Pence): Promise<void> {
    return this.repository.commitReserved(em, budgetId, amount);
  }

  /** A contract variation moves its commitment; an increase must fit in what remains. */
  async adjustCommitment(em: EntityManager, budgetId: string, delta: Pence): Promise<boolean> {
    if (delta === 0n) return true;
    return this.repository.adjustCommitment(em, budgetId, delta);
  }

  /**
   * A payment out of a pot's commitment (a reversal: negative). Committed is unchanged: committed
   * includes what is paid; `paid` says how much of it has gone out.
   */
  markPaid(em: EntityManager, budgetId: string, amount: Pence): Promise<void> {
    if (amount === 0n) return Promise.resolve();
    return this.repository.markPaid(em, budgetId, amount);
  }

  /**
   * Money taken back out of a commitment for good (unearned outcome money of an approved report,
   * instalments after a termination): committed goes down, released up, remaining up by `amount`.
   * Contracts calls it per financial year, on that year's pot.
   */
  releaseCommitment(em: EntityManager, budgetId: string, amount: Pence): Promise<void> {
    if (amount === 0n) return Promise.resolve();
    if (amount < 0n) throw new Error('releaseCommitment takes a positive amount');
    return this.repository.releaseCommitment(em, budgetId, amount);
  }

  /** Locks the pots in the order given (callers pass them in financial-year order, so no two transactions deadlock). */
  lockPots(em: EntityManager, budgetIds: readonly string[]): Promise<void> {
    return this.repository.lockIds(em, budgetIds);
  }

  loader(loaders: RequestLoaders): DataLoader<string, BudgetView | null> {
    return loaders.get(
      'budgets.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.repository.byIds(this.db.reader, ids);
          const byId = new Map(rows.map((r) => [r.id, mapBudget(r)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }
}

function potKey(input: SetBudgetInput): PotKey {
  return { regionCode: input.regionCode, financialYear: input.financialYear, category: input.category ?? null };
}
