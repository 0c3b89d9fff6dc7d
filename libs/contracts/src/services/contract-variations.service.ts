import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BudgetsService } from '@mkt/budgets';
import {
  Clock,
  contractPeriodProblem,
  formatPence,
  formatPounds,
  MAX_CONTRACT_VARIATIONS,
  MAX_CONTRACT_VERSIONS,
  parsePence,
  Pence,
  sum,
} from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { TransactionRunner } from '@mkt/database';
import { canChangeStatus, ContractStatus } from '../contracts.enums';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { VaryContractInput } from '../dtos/contract.inputs';
import { ContractOutcomeMeasureView, ContractView } from '../dtos/contract.types';
import { mapContract } from '../repositories/contract.rows';
import { ContractRepository } from '../repositories/contract.repository';
import { ContractSplit, FrozenPeriod, splitValue } from '../rules/contract-terms';
import { frozenByVariation } from '../rules/no-cost-extension';
import { variedTargetRefusal } from '../rules/varied-target';
import { unstartedLines } from '../rules/termination';
import { ContractVariationRepository, ProposedChanges } from '../repositories/contract-variation.repository';
import { ScheduleLine } from '../rules/schedule';
import { ContractBudgetPhasingService } from './contract-budget-phasing.service';
import { ContractsService, ContractState, termsSnapshot } from './contracts.service';

/** Term changes (which a provider must agree) and a status change (which applies at once). */
type Changes = ProposedChanges & { status?: ContractStatus };

/** The terms after a variation, checked against the contract's history. */
interface NewTerms {
  status: ContractStatus;
  endDate: string;
  valuePence: Pence;
  split: ContractSplit;
  measures: ContractOutcomeMeasureView[];
  frozenPeriods: FrozenPeriod[];
}

/** Variations of a contract's terms: each one a new version, checked against what has happened. */
@Injectable()
export class ContractVariationsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly budgets: BudgetsService,
    private readonly phasing: ContractBudgetPhasingService,
    private readonly contracts: ContractsService,
    private readonly rows: ContractRepository,
    private readonly proposals: ContractVariationRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * A variation. A change of terms (end date, value, outcome measures) is PROPOSED: nothing
   * changes until the provider agrees it (ContractVariationAnswersService). A status change
   * (suspend, reactivate, complete, terminate) is the commissioner's contractual remedy and applies
   * at once; a termination may release the unspent commitment (a lower value) in the same call.
   * Either way a stale `expectedVersion` gets CONFLICT (a conditional UPDATE on the version).
   */
  vary(actor: Principal, input: VaryContractInput): Promise<ContractView> {
    const { changes } = input;
    const terms = termChanges(changes);
    if (!Object.keys(terms).length && !changes.status) throw ContractsException.badInput('changes', 'give at least one change');
    const immediate = !Object.keys(terms).length || changes.status === ContractStatus.TERMINATED;
    if (!immediate && changes.status) {
      throw ContractsException.badInput(
        'changes.status',
        'a status change applies at once, a change of terms only when the provider agrees it: send them in separate variations',
      );
    }
    return this.db.run(async (em) => {
      if (!immediate) return this.propose(em, actor, input, terms);
      const before = await this.bumpVersion(em, actor, input);
      return this.apply(em, actor, before, changes, input.reason, null);
    });
  }

  /**
   * Applies changes to the state read under the contract's lock, the version already taken: the
   * new terms checked against history, the budget commitment moved by the change in value, the
   * new version kept and audited. `variationId`: the agreed proposal, if any.
   */
  async apply(
    em: EntityManager,
    actor: Principal,
    before: ContractState,
    changes: Changes,
    reason: string,
    variationId: string | null,
  ): Promise<ContractView> {
    const old = before.contract;
    const next = this.newTerms(before, changes);
    await this.moveCommitment(em, old, next);
    const { suspensions, schedule } = await this.endSuspension(em, before, next.status);
    if (next.status === ContractStatus.TERMINATED && changes.value === undefined) await this.releaseAfterStop(em, before, schedule);
    const updated = await this.rows.updateTerms(em, old.id, {
      status: next.status,
      endDate: next.endDate,
      valuePence: next.valuePence,
      fixedPartPence: next.split.fixedPart,
      outcomePartPence: next.split.outcomePart,
      frozenPeriods: next.frozenPeriods,
      suspensions,
    });
    for (const m of next.measures) await this.rows.updateMeasure(em, m.id, m.targetText, m.weight);
    const contract = mapContract(updated);
    await this.contracts.insertVersion(em, actor, contract, next.measures, reason);
    await this.audit.record(em, actor, {
      action: 'contract.varied',
      entityType: 'Contract',
      entityId: contract.id,
      before: termsSnapshot(old, before.measures),
      after: { ...termsSnapshot(contract, next.measures), reason, ...(variationId ? { variationId } : {}) },
    });
    return contract;
  }

  /** Keeps the proposal, checked now as it will be again when agreed; the contract is returned unchanged. */
  private async propose(em: EntityManager, actor: Principal, input: VaryContractInput, changes: ProposedChanges): Promise<ContractView> {
    const state = await this.contracts.lockFor(em, actor, input.contractId, 'commissioner');
    if (state.contract.version !== input.expectedVersion) throw staleVersion(state.contract.version, input.expectedVersion);
    const next = this.newTerms(state, changes);
    await this.assertBudgetCovers(em, state.contract.budgetId, next.valuePence - state.contract.valuePence);
    const counts = await this.proposals.countOf(em, state.contract.id);
    if (counts.open) {
      throw new ContractsException(
        ContractsErrorCode.VARIATION_PENDING,
        'The contract already has a proposed variation waiting for the provider: wait for its answer or withdraw it',
      );
    }
    if (counts.all >= MAX_CONTRACT_VARIATIONS) {
      throw new ContractsException(ContractsErrorCode.INVALID_STATE, `A contract keeps at most ${MAX_CONTRACT_VARIATIONS} proposed variations`);
    }
    const row = await this.proposals.insert(em, {
      contractId: state.contract.id,
      againstVersion: state.contract.version,
      changes,
      reason: input.reason,
      proposedBy: actor.sub,
      proposedAt: this.clock.now(),
    });
    await this.audit.record(em, actor, {
      action: 'contract.variation.proposed',
      entityType: 'ContractVariation',
      entityId: row.id,
      after: { contractId: row.contract_id, againstVersion: row.against_version, changes, reason: input.reason },
    });
    return state.contract;
  }

  /**
   * A suspension that ends (reactivated, or terminated from it) stops the instalments of its days
   * (rules/suspension): it is kept on the contract, and what each period loses leaves that period's
   * financial-year commitment. Returns the suspensions and the schedule as they are after it.
   */
  private async endSuspension(em: EntityManager, before: ContractState, status: ContractStatus) {
    const old = before.contract;
    if (old.status !== ContractStatus.SUSPENDED || status === ContractStatus.SUSPENDED || !before.stoppedOn) {
      return { suspensions: old.suspensions, schedule: before.schedule };
    }
    const suspensions = [...old.suspensions, { from: before.stoppedOn, to: this.clock.today() }];
    const schedule = this.contracts.scheduleOf({ ...old, suspensions }, before.reports, before.payments);
    const lost = schedule.map((line, i) => {
      const was = before.schedule[i];
      return { period: line.period, amount: was.fixedDue + was.outcomeAvailable - line.fixedDue - line.outcomeAvailable };
    });
    await this.phasing.release(em, old, lost);
    return { suspensions, schedule };
  }

  /**
   * A termination releases, without being asked, what the contract can no longer pay: the fixed
   * instalment and outcome allowance of each period that begins after the day it stopped (today, or
   * the first day of a suspension it is terminated from), from that period's year. The agreed value
   * and schedule stay as the record of what was bought; the release shows on the budget phases.
   * A termination that names a lower value releases that difference instead (moveCommitment).
   */
  private async releaseAfterStop(em: EntityManager, before: ContractState, schedule: readonly ScheduleLine[]): Promise<void> {
    const since = before.stoppedOn ?? this.clock.today();
    const unpayable = unstartedLines(schedule, since).map((line) => ({
      period: line.period,
      amount: line.fixedDue - line.fixedPaid + line.outcomeAvailable - line.outcomePaid,
    }));
    await this.phasing.release(em, before.contract, unpayable);
  }

  /** Takes the next version (a commissioner of the contract's region only) and reads the state it varies. */
  private async bumpVersion(em: EntityManager, actor: Principal, input: VaryContractInput): Promise<ContractState> {
    const scopes = await this.contracts.scopesToChange(em, actor, 'commissioner');
    const bumped = await this.rows.bumpVersion(em, input.contractId, input.expectedVersion, scopes);
    if (!bumped) {
      const current = await this.rows.findInScope(em, input.contractId, scopes);
      if (!current) throw ContractsException.notFound();
      throw staleVersion(current.version, input.expectedVersion);
    }
    return this.contracts.state(em, { ...mapContract(bumped), version: bumped.version - 1 });
  }

  /** The varied terms, refused when the status, the version bound, the period or the history forbids them. */
  private newTerms(before: ContractState, changes: Changes): NewTerms {
    const old = before.contract;
    if (old.status === ContractStatus.COMPLETED || old.status === ContractStatus.TERMINATED) {
      throw new ContractsException(ContractsErrorCode.INVALID_STATE, `A ${old.status} contract cannot be varied`);
    }
    const status = changes.status ?? old.status;
    if (!canChangeStatus(old.status, status)) {
      throw new ContractsException(ContractsErrorCode.INVALID_STATE, `A contract cannot go from ${old.status} to ${status}`);
    }
    const endDate = changes.endDate ?? old.endDate;
    // Every version is listed on the contract: bounded, so the list and its query cost are (LIST_BOUNDS).
    if (old.version >= MAX_CONTRACT_VERSIONS) {
      throw new ContractsException(ContractsErrorCode.INVALID_STATE, `A contract keeps at most ${MAX_CONTRACT_VERSIONS} versions of its terms`);
    }
    const periodProblem = contractPeriodProblem(old.startDate, endDate);
    if (periodProblem) throw ContractsException.badInput('changes.endDate', periodProblem);
    const valuePence = changes.value !== undefined ? parsePence(changes.value) : old.valuePence;
    const measures = this.applyMeasureChanges(before.measures, changes.outcomeMeasures ?? []);
    const split = splitValue(valuePence, old.outcomeSharePercent);
    const frozenPeriods = frozenByVariation(old, { endDate, valuePence }, before.schedule, this.clock.today());
    const varied = { ...old, endDate, fixedPartPence: split.fixedPart, outcomePartPence: split.outcomePart, frozenPeriods };
    const schedule = this.contracts.scheduleOf(varied, before.reports, before.payments);
    this.assertVariationKeepsHistory(before, schedule, split.outcomePart);
    return { status, endDate, valuePence, split, measures, frozenPeriods };
  }

  /** A proposal is refused at once when the first year's budget cannot cover its rise now (every year is checked, and moved, when agreed). */
  private async assertBudgetCovers(em: EntityManager, budgetId: string, delta: Pence): Promise<void> {
    if (delta <= 0n) return;
    const remaining = await this.budgets.remaining(em, budgetId);
    if (remaining < delta) throw budgetExceeded(delta, remaining);
  }

  /** Each financial year's commitment moves by its change (re-phased); refused when a year's pot cannot cover a rise. */
  private moveCommitment(em: EntityManager, old: ContractView, next: NewTerms): Promise<void> {
    return this.phasing.rephase(em, old, {
      startDate: old.startDate,
      endDate: next.endDate,
      reportingPeriod: old.reportingPeriod as 'MONTHLY' | 'QUARTERLY',
      valuePence: next.valuePence,
      outcomeSharePercent: old.outcomeSharePercent,
      frozen: next.frozenPeriods,
    });
  }

  /** Targets and weights as changed; weights must still sum to 100. */
  private applyMeasureChanges(
    current: ContractOutcomeMeasureView[],
    changes: { id: string; target?: number; weight?: number }[],
  ): ContractOutcomeMeasureView[] {
    const byId = new Map(changes.map((c) => [c.id.toLowerCase(), c]));
    if (byId.size !== changes.length) throw ContractsException.badInput('changes.outcomeMeasures', 'each measure may appear once');
    const unknown = [...byId.keys()].filter((id) => !current.some((m) => m.id === id));
    if (unknown.length) throw ContractsException.badInput('changes.outcomeMeasures.id', `not measures of this contract: ${unknown.join(', ')}`);
    const measures = current.map((m) => {
      const change = byId.get(m.id);
      if (!change) return m;
      const target = change.target ?? m.target;
      const refusal = change.target === undefined ? null : variedTargetRefusal(m, change.target);
      if (refusal) throw ContractsException.badInput('changes.outcomeMeasures.target', refusal);
      return {
        ...m,
        target,
        targetText: change.target !== undefined ? change.target.toFixed(6) : m.targetText,
        weight: change.weight ?? m.weight,
      };
    });
    if (measures.reduce((total, m) => total + m.weight, 0) !== 100) {
      throw ContractsException.badInput('changes.outcomeMeasures.weight', 'weights must sum to 100');
    }
    return measures;
  }

  /**
   * New terms may not undo history: every period with a report or a payment must remain; each
   * period's new fixed instalment must cover what was already paid for it; the new outcome part must
   * cover what has been earned; and outcome payments stay within what was earned.
   */
  private assertVariationKeepsHistory(before: ContractState, schedule: ScheduleLine[], outcomePart: Pence): void {
    const periods = new Set(schedule.map((s) => s.period));
    const orphaned = [...before.reports.map((r) => r.period), ...before.payments.map((p) => p.period)].filter((p) => !periods.has(p));
    if (orphaned.length) {
      throw new ContractsException(
        ContractsErrorCode.INVALID_VARIATION,
        `The new end date would drop period(s) ${[...new Set(orphaned)].join(', ')} that have reports or payments`,
        { field: 'changes.endDate' },
      );
    }
    const short = schedule.find((s) => s.fixedPaid > s.fixedDue);
    if (short) {
      throw new ContractsException(
        ContractsErrorCode.INVALID_VARIATION,
        `The new value would make ${short.period}'s fixed instalment smaller than the ${formatPounds(short.fixedPaid)} already paid for it`,
        { field: 'changes.value' },
      );
    }
    const earned = sum(schedule.map((s) => s.outcomeEarned));
    if (outcomePart < earned) {
      throw new ContractsException(
        ContractsErrorCode.INVALID_VARIATION,
        'The new value would make the outcome part smaller than what has been earned',
        {
          field: 'changes.value',
        },
      );
    }
  }
}

/** The changes of terms in a variation (those the provider must agree), without the status. */
function termChanges(changes: VaryContractInput['changes']): ProposedChanges {
  const terms: ProposedChanges = {};
  if (changes.endDate !== undefined) terms.endDate = changes.endDate;
  if (changes.value !== undefined) terms.value = changes.value;
  if (changes.outcomeMeasures?.length) {
    terms.outcomeMeasures = changes.outcomeMeasures.map((m) => ({
      id: m.id,
      ...(m.target !== undefined ? { target: m.target } : {}),
      ...(m.weight !== undefined ? { weight: m.weight } : {}),
    }));
  }
  return terms;
}

export function staleVersion(current: number, expected: number): ContractsException {
  return new ContractsException(ContractsErrorCode.CONFLICT, `The contract is at version ${current}, not ${expected}: reload it and vary again`, {
    currentVersion: current,
  });
}

function budgetExceeded(delta: Pence, remaining: Pence): ContractsException {
  return new ContractsException(
    ContractsErrorCode.BUDGET_EXCEEDED,
    `The new value needs ${formatPounds(delta)} more; the budget has ${formatPounds(remaining)} left`,
    { field: 'changes.value', needed: formatPence(delta), remaining: formatPence(remaining) },
  );
}
