import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { contractPeriodProblem, formatPounds, MAX_CONTRACT_VERSIONS, parsePence, Pence, sum } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { TransactionRunner } from '@mkt/database';
import { canChangeStatus, ContractStatus } from '../contracts.enums';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { VaryContractInput } from '../dtos/contract.inputs';
import { ContractOutcomeMeasureView, ContractView } from '../dtos/contract.types';
import { mapContract } from '../repositories/contract.rows';
import { ContractRepository } from '../repositories/contract.repository';
import { ContractSplit, splitValue } from '../rules/contract-terms';
import { ScheduleLine } from '../rules/schedule';
import { ContractBudgetPhasingService } from './contract-budget-phasing.service';
import { ContractsService, ContractState, termsSnapshot } from './contracts.service';

type Changes = VaryContractInput['changes'];

/** The terms after a variation, checked against the contract's history. */
interface NewTerms {
  status: ContractStatus;
  endDate: string;
  valuePence: Pence;
  split: ContractSplit;
  measures: ContractOutcomeMeasureView[];
}

/** Variations of a contract's terms: each one a new version, checked against what has happened. */
@Injectable()
export class ContractVariationsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly phasing: ContractBudgetPhasingService,
    private readonly contracts: ContractsService,
    private readonly rows: ContractRepository,
  ) {}

  /**
   * A variation: optimistic locking by a conditional UPDATE on the version (a stale
   * `expectedVersion` gets CONFLICT), then the new terms are checked against what has already been
   * paid and earned, the budget commitment moves by the change in value, and the new version is
   * kept. All in one transaction.
   */
  vary(actor: Principal, input: VaryContractInput): Promise<ContractView> {
    const { changes } = input;
    if (changes.endDate === undefined && changes.value === undefined && !changes.outcomeMeasures?.length && !changes.status) {
      throw ContractsException.badInput('changes', 'give at least one change');
    }
    return this.db.run(async (em) => {
      const before = await this.bumpVersion(em, actor, input);
      const old = before.contract;
      const next = this.newTerms(before, changes);
      await this.moveCommitment(em, old, next);
      const updated = await this.rows.updateTerms(em, old.id, {
        status: next.status,
        endDate: next.endDate,
        valuePence: next.valuePence,
        fixedPartPence: next.split.fixedPart,
        outcomePartPence: next.split.outcomePart,
      });
      for (const m of next.measures) await this.rows.updateMeasure(em, m.id, m.targetText, m.weight);
      const contract = mapContract(updated);
      await this.contracts.insertVersion(em, actor, contract, next.measures, input.reason);
      await this.audit.record(em, actor, {
        action: 'contract.varied',
        entityType: 'Contract',
        entityId: contract.id,
        before: termsSnapshot(old, before.measures),
        after: { ...termsSnapshot(contract, next.measures), reason: input.reason },
      });
      return contract;
    });
  }

  /** Takes the next version (a commissioner of the contract's region only) and reads the state it varies. */
  private async bumpVersion(em: EntityManager, actor: Principal, input: VaryContractInput): Promise<ContractState> {
    const scopes = await this.contracts.scopesToChange(em, actor, 'commissioner');
    const bumped = await this.rows.bumpVersion(em, input.contractId, input.expectedVersion, scopes);
    if (!bumped) {
      const current = await this.rows.findInScope(em, input.contractId, scopes);
      if (!current) throw ContractsException.notFound();
      throw new ContractsException(
        ContractsErrorCode.CONFLICT,
        `The contract is at version ${current.version}, not ${input.expectedVersion}: reload it and vary again`,
        { currentVersion: current.version },
      );
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
    const varied = { ...old, endDate, fixedPartPence: split.fixedPart, outcomePartPence: split.outcomePart };
    const schedule = this.contracts.scheduleOf(varied, before.reports, before.payments);
    this.assertVariationKeepsHistory(before, schedule, split.outcomePart);
    return { status, endDate, valuePence, split, measures };
  }

  /** Each financial year's commitment moves by its change (re-phased); refused when a year's pot cannot cover a rise. */
  private moveCommitment(em: EntityManager, old: ContractView, next: NewTerms): Promise<void> {
    return this.phasing.rephase(em, old, {
      startDate: old.startDate,
      endDate: next.endDate,
      reportingPeriod: old.reportingPeriod as 'MONTHLY' | 'QUARTERLY',
      valuePence: next.valuePence,
      outcomeSharePercent: old.outcomeSharePercent,
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
