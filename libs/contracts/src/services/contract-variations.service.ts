import { Injectable } from '@nestjs/common';
import { contractPeriodProblem, formatPence, formatPounds, MAX_CONTRACT_VERSIONS, parsePence, Pence, sum } from '@mkt/common';
import { hasRole, type Principal, Role } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { BudgetsService } from '@mkt/budgets';
import { queryOne, queryRows, TransactionRunner } from '@mkt/database';
import { canChangeStatus, ContractStatus } from '../contracts.enums';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { VaryContractInput } from '../dtos/contract.inputs';
import { ContractOutcomeMeasureView, ContractView } from '../dtos/contract.types';
import { splitValue } from '../rules/contract-terms';
import { buildSchedule, ledgerLine, ScheduleLine } from '../rules/schedule';
import { ContractRow, mapContract } from './contract.rows';
import { ContractsService, ContractState, termsSnapshot } from './contracts.service';

/** Variations of a contract's terms: each one a new version, checked against what has happened. */
@Injectable()
export class ContractVariationsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly budgets: BudgetsService,
    private readonly contracts: ContractsService,
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
      const bumped = await queryOne<ContractRow>(
        em,
        `UPDATE contract SET version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND region_code = ANY($3) RETURNING *`,
        [input.contractId, input.expectedVersion, hasRole(actor, Role.COMMISSIONER) ? actor.regions : []],
      );
      if (!bumped) {
        const current = await queryOne<ContractRow>(em, 'SELECT * FROM contract WHERE id = $1 AND region_code = ANY($2)', [
          input.contractId,
          hasRole(actor, Role.COMMISSIONER) ? actor.regions : [],
        ]);
        if (!current) throw ContractsException.notFound();
        throw new ContractsException(
          ContractsErrorCode.CONFLICT,
          `The contract is at version ${current.version}, not ${input.expectedVersion}: reload it and vary again`,
          { currentVersion: current.version },
        );
      }
      const before = await this.contracts.state(em, { ...mapContract(bumped), version: bumped.version - 1 });
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
      const schedule = buildSchedule({
        startDate: old.startDate,
        endDate,
        reportingPeriod: old.reportingPeriod as 'MONTHLY' | 'QUARTERLY',
        split,
        payments: before.payments.map(ledgerLine),
        reports: before.reports.map((r) => ({
          period: r.period,
          status: r.status,
          earnedPence: r.outcome_earned_pence === null ? null : BigInt(r.outcome_earned_pence),
        })),
      });
      this.assertVariationKeepsHistory(before, schedule, split.outcomePart);

      const delta = valuePence - old.valuePence;
      if (!(await this.budgets.adjustCommitment(em, old.budgetId, delta))) {
        const remaining = await this.budgets.remaining(em, old.budgetId);
        throw new ContractsException(
          ContractsErrorCode.BUDGET_EXCEEDED,
          `The new value needs ${formatPounds(delta)} more; the budget has ${formatPounds(remaining)} left`,
          { field: 'changes.value', needed: formatPence(delta), remaining: formatPence(remaining) },
        );
      }
      const updated = await queryOne<ContractRow>(
        em,
        `UPDATE contract SET status = $2, end_date = $3, value_pence = $4, fixed_part_pence = $5, outcome_part_pence = $6
         WHERE id = $1 RETURNING *`,
        [old.id, status, endDate, valuePence.toString(), split.fixedPart.toString(), split.outcomePart.toString()],
      );
      for (const m of measures) {
        await queryRows(em, 'UPDATE contract_outcome_measure SET target = $2, weight = $3 WHERE id = $1', [m.id, m.targetText, m.weight]);
      }
      const contract = mapContract(updated!);
      await this.contracts.insertVersion(em, actor, contract, measures, input.reason);
      await this.audit.record(em, actor, {
        action: 'contract.varied',
        entityType: 'Contract',
        entityId: contract.id,
        before: termsSnapshot(old, before.measures),
        after: { ...termsSnapshot(contract, measures), reason: input.reason },
      });
      return contract;
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
