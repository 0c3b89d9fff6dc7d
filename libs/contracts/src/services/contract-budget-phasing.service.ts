import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { formatPence, formatPounds, Money, Pence, penceFromDb, RequestLoaders } from '@mkt/common';
import { BudgetsService } from '@mkt/budgets';
import { TransactionRunner } from '@mkt/database';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { ContractBudgetPhaseView } from '../dtos/contract-budget-phase.types';
import { ContractView } from '../dtos/contract.types';
import { ContractBudgetPhaseRepository, ContractBudgetPhaseRow } from '../repositories/contract-budget-phase.repository';
import { contractPhases, PhasingTerms } from '../rules/contract-phases';
import { periodFinancialYear } from '../rules/reporting-periods';

/** One financial year's share of a contract as ordering hands it over (what the order committed there). */
export interface BudgetPhaseFromOrder {
  financialYear: string;
  budgetId: string;
  amountPence: Pence;
}

/**
 * A contract's commitment per financial year (issue 13). Each movement charges the pot of the year
 * it belongs to, in the caller's transaction, and pots are touched in financial-year order.
 * Per year: committed = the schedule's instalments and outcome allowances of the periods starting
 * in it, less what was released from it; paid counts against the year of the paid period.
 */
@Injectable()
export class ContractBudgetPhasingService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly budgets: BudgetsService,
    private readonly phases: ContractBudgetPhaseRepository,
  ) {}

  /** A new contract keeps the phases its order committed. */
  keep(em: EntityManager, contractId: string, phases: readonly BudgetPhaseFromOrder[]): Promise<void> {
    return this.phases.insert(em, contractId, phases);
  }

  /**
   * A variation: the new terms are phased again and each year's commitment moves by its delta
   * (years in order). A year the contract did not reach before draws on that year's pot; a rise
   * that does not fit, or a year without a pot, is refused with BUDGET_EXCEEDED naming the year.
   */
  async rephase(em: EntityManager, contract: ContractView, terms: PhasingTerms): Promise<void> {
    const current = new Map((await this.phases.ofContracts(em, [contract.id])).map((r) => [r.financial_year, r]));
    const target = new Map(contractPhases(terms).map((p) => [p.financialYear, p.total]));
    const years = [...new Set([...current.keys(), ...target.keys()])].sort();
    for (const year of years) {
      const row = current.get(year);
      const released = row ? penceFromDb(row.released_pence) : 0n;
      const wanted = (target.get(year) ?? 0n) - released;
      const next = wanted > 0n ? wanted : 0n;
      const delta = next - (row ? penceFromDb(row.amount_pence) : 0n);
      if (!row && delta === 0n) continue;
      const budgetId = row?.budget_id ?? (await this.potForNewYear(em, contract, year));
      if (!(await this.budgets.adjustCommitment(em, budgetId, delta))) {
        const remaining = await this.budgets.remaining(em, budgetId);
        throw new ContractsException(
          ContractsErrorCode.BUDGET_EXCEEDED,
          `The new terms need ${formatPounds(delta)} more in ${year}; that year's budget has ${formatPounds(remaining)} left`,
          { field: 'changes.value', financialYear: year, needed: formatPence(delta), remaining: formatPence(remaining) },
        );
      }
      if (row) await this.phases.move(em, contract.id, year, { amount: delta });
      else await this.phases.insert(em, contract.id, [{ financialYear: year, budgetId, amountPence: delta }]);
    }
  }

  /** A payment (a reversal: negative) for a period: paid against the phase of the period's year. */
  async markPaid(em: EntityManager, contract: ContractView, period: string, amount: Pence): Promise<void> {
    const phase = await this.phaseFor(em, contract, periodFinancialYear(period));
    await this.phases.move(em, contract.id, phase.financial_year, { paid: amount });
    await this.budgets.markPaid(em, phase.budget_id, amount);
  }

  /**
   * Money that will not be spent (unearned outcome money of an approved report, instalments of
   * periods after a termination, a suspension's days) leaves the commitment of each period's year
   * and returns to its pot: summed per year, one movement a year, in financial-year order.
   */
  async release(em: EntityManager, contract: ContractView, periods: readonly { period: string; amount: Pence }[]): Promise<void> {
    const wanted = periods.filter((p) => p.amount > 0n);
    if (!wanted.length) return;
    const rows = await this.phases.ofContracts(em, [contract.id]);
    const byPhase = new Map<ContractBudgetPhaseRow, Pence>();
    for (const p of wanted) {
      const phase = phaseOfYear(contract, rows, periodFinancialYear(p.period));
      byPhase.set(phase, (byPhase.get(phase) ?? 0n) + p.amount);
    }
    for (const [phase, amount] of [...byPhase].sort(([a], [b]) => (a.financial_year < b.financial_year ? -1 : 1))) {
      const releasable = amount < penceFromDb(phase.amount_pence) ? amount : penceFromDb(phase.amount_pence);
      if (releasable <= 0n) continue;
      await this.phases.move(em, contract.id, phase.financial_year, { amount: -releasable, released: releasable });
      await this.budgets.releaseCommitment(em, phase.budget_id, releasable);
    }
  }

  /** `Contract.budgetPhases` for a page of contracts: one statement. */
  loader(loaders: RequestLoaders): DataLoader<string, ContractBudgetPhaseView[]> {
    return loaders.get(
      'contracts.budgetPhases',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.phases.ofContracts(this.db.reader, ids);
          return ids.map((id) => rows.filter((r) => r.contract_id === id).map(toView));
        }),
    );
  }

  private async phaseFor(em: EntityManager, contract: ContractView, year: string): Promise<ContractBudgetPhaseRow> {
    return phaseOfYear(contract, await this.phases.ofContracts(em, [contract.id]), year);
  }

  private async potForNewYear(em: EntityManager, contract: ContractView, year: string): Promise<string> {
    const pot = await this.budgets.potFor(em, contract.regionCode, year, contract.category);
    if (pot) return pot.id;
    throw new ContractsException(
      ContractsErrorCode.BUDGET_EXCEEDED,
      `No budget is set for ${contract.regionCode} in ${year}, which the new terms reach`,
      {
        field: 'changes.endDate',
        financialYear: year,
        needed: '0.00',
        remaining: '0.00',
      },
    );
  }
}

/** The phase of the year; a contract with none for it (one from before phasing) uses its first. */
function phaseOfYear(contract: ContractView, rows: readonly ContractBudgetPhaseRow[], year: string): ContractBudgetPhaseRow {
  const phase = rows.find((r) => r.financial_year === year) ?? rows[0];
  if (!phase) throw new Error(`contract ${contract.id} has no budget phases`);
  return phase;
}

function toView(r: ContractBudgetPhaseRow): ContractBudgetPhaseView {
  return {
    financialYear: r.financial_year,
    budgetId: r.budget_id,
    committed: Money.of(penceFromDb(r.amount_pence)),
    paid: Money.of(penceFromDb(r.paid_pence)),
    released: Money.of(penceFromDb(r.released_pence)),
  };
}
