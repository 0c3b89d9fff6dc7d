import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, onDomainError } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { pgErrorCode, PG_UNIQUE_VIOLATION, TransactionRunner } from '@mkt/database';
import { ReportStatus } from '../contracts.enums';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { SubmitPerformanceReportInput } from '../dtos/contract.inputs';
import { PerformanceReportView } from '../dtos/contract.types';
import { achievement, fractionToNumber, outcomePaymentEarned, weightedScore } from '../rules/outcome-payment';
import { mapReport, ReportRow, StoredActual } from '../repositories/contract.rows';
import { PerformanceReportRepository } from '../repositories/performance-report.repository';
import { ContractBudgetPhasingService } from './contract-budget-phasing.service';
import { ConflictOfInterestGuard } from './conflict-of-interest.guard';
import { ContractsService, ContractState } from './contracts.service';

/**
 * Providers report actuals per period; commissioners approve (which computes the outcome payment
 * earned) or return them for correction.
 */
@Injectable()
export class PerformanceReportsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly contracts: ContractsService,
    private readonly reports: PerformanceReportRepository,
    private readonly clock: Clock,
    private readonly phasing: ContractBudgetPhasingService,
    private readonly conflicts: ConflictOfInterestGuard,
  ) {}

  submit(actor: Principal, input: SubmitPerformanceReportInput): Promise<PerformanceReportView> {
    return this.db.run(async (em) => {
      const state = await this.contracts.lockFor(em, actor, input.contractId, 'provider');
      const period = state.schedule.find((p) => p.period === input.period);
      if (!period) {
        throw ContractsException.badInput('period', `not a reporting period of this contract (${state.schedule.map((p) => p.period).join(', ')})`);
      }
      if (period.startDate > this.clock.today()) throw ContractsException.badInput('period', 'has not started yet');
      const ids = input.actuals.map((a) => a.measureId.toLowerCase());
      const expected = state.measures.map((m) => m.id);
      if (new Set(ids).size !== ids.length || ids.length !== expected.length || !expected.every((id) => ids.includes(id))) {
        throw ContractsException.badInput('actuals', `give exactly one actual for each outcome measure of the contract (${expected.join(', ')})`);
      }
      const actuals: StoredActual[] = input.actuals.map((a) => ({ measureId: a.measureId.toLowerCase(), value: a.value.toFixed(6) }));
      const existing = state.reports.find((r) => r.period === input.period);
      if (existing && existing.status !== ReportStatus.RETURNED) {
        throw new ContractsException(
          ContractsErrorCode.INVALID_STATE,
          `The report for ${input.period} is ${existing.status}; only a returned report can be resubmitted`,
        );
      }
      const by = { sub: actor.sub, at: this.clock.now() };
      const submitted = { actuals, narrative: input.narrative };
      const row = existing
        ? await this.reports.resubmit(em, existing.id, submitted, by)
        : await this.reports.insertSubmitted(em, state.contract.id, input.period, submitted, by).catch((error: unknown) => {
            if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
              throw new ContractsException(ContractsErrorCode.INVALID_STATE, `A report for ${input.period} was submitted at the same time`);
            }
            throw error;
          });
      const report = mapReport(row);
      await this.audit.record(em, actor, {
        action: existing ? 'performanceReport.resubmitted' : 'performanceReport.submitted',
        entityType: 'PerformanceReport',
        entityId: report.id,
        before: existing ? mapReport(existing) : undefined,
        after: report,
      });
      return report;
    });
  }

  /**
   * Approval computes what the period earned: its share of the outcome part times the weighted
   * achievement of the contract's measures, rounded once to the penny (see rules/outcome-payment).
   */
  approve(actor: Principal, reportId: string): Promise<PerformanceReportView> {
    return this.review(
      actor,
      reportId,
      async (em, report, state) => {
        if (report.submitted_by === actor.sub) {
          throw new ContractsException(
            ContractsErrorCode.SEPARATION_OF_DUTIES,
            'You submitted this report; a commissioner who did not submit it must approve it',
          );
        }
        await this.conflicts.assertNotConflicted(em, actor, state.contract.id, 'approve its performance reports');
        const period = state.schedule.find((p) => p.period === report.period)!;
        this.contracts.assertPeriodBeforeStop(state, period, 'approval');
        const byId = new Map(report.actuals.map((a) => [a.measureId, a.value]));
        const items = state.measures.map((m) => ({
          measure: m,
          weight: m.weight,
          achievement: achievement(m.direction, m.baselineText, m.targetText, byId.get(m.id)!),
        }));
        const earned = outcomePaymentEarned(period.outcomeAvailable, items);
        // What the period could have earned and did not will not be paid: it leaves that year's commitment.
        await this.phasing.release(em, state.contract, [{ period: period.period, amount: period.outcomeAvailable - earned }]);
        const score = fractionToNumber(weightedScore(items), 6);
        const actuals: StoredActual[] = report.actuals.map((a) => ({
          ...a,
          achievement: fractionToNumber(items.find((i) => i.measure.id === a.measureId)!.achievement, 6),
        }));
        return this.reports.approve(em, report.id, { score, earned, actuals }, { sub: actor.sub, at: this.clock.now() });
      },
      'performanceReport.approved',
    );
  }

  returnReport(actor: Principal, reportId: string, reason: string): Promise<PerformanceReportView> {
    return this.review(
      actor,
      reportId,
      (em, report) => this.reports.markReturned(em, report.id, reason, { sub: actor.sub, at: this.clock.now() }),
      'performanceReport.returned',
    );
  }

  private review(
    actor: Principal,
    reportId: string,
    decide: (em: EntityManager, report: ReportRow, state: ContractState) => Promise<ReportRow>,
    action: string,
  ): Promise<PerformanceReportView> {
    return this.db.run(async (em) => {
      const contractId = await this.reports.contractIdOf(em, reportId);
      if (!contractId) throw ContractsException.notFound('Performance report');
      const state = await this.contracts.lockFor(em, actor, contractId, 'commissioner').catch(
        onDomainError(ContractsErrorCode.NOT_FOUND, () => {
          throw ContractsException.notFound('Performance report');
        }),
      );
      const report = state.reports.find((r) => r.id === reportId)!;
      if (report.status !== ReportStatus.SUBMITTED) {
        throw new ContractsException(ContractsErrorCode.INVALID_STATE, `The report is ${report.status}; only a submitted report can be reviewed`);
      }
      const after = mapReport(await decide(em, report, state));
      await this.audit.record(em, actor, {
        action,
        entityType: 'PerformanceReport',
        entityId: report.id,
        before: mapReport(report),
        after: { ...after, outcomeEarned: after.outcomeEarned?.amount ?? null },
      });
      return after;
    });
  }
}
