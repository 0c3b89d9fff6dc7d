import { Money, Pence, penceFromDb } from '@mkt/common';
import { ReportStatus } from '../contracts.enums';
import { SchedulePeriodView } from '../dtos/contract.types';
import { ContractSplit, FrozenPeriod, periodAllowances } from './contract-terms';
import { reportingPeriods, ReportingPeriodKind } from './reporting-periods';
import { Suspension, withoutSuspendedDays } from './suspension';

export interface LedgerLine {
  period: string;
  kind: 'FIXED' | 'OUTCOME';
  amountPence: Pence;
}

export interface ReportLine {
  period: string;
  status: ReportStatus;
  earnedPence: Pence | null;
}

export interface ScheduleInput {
  startDate: string;
  endDate: string;
  reportingPeriod: ReportingPeriodKind;
  split: ContractSplit;
  payments: LedgerLine[];
  reports: ReportLine[];
  /** Periods whose amounts an agreed no-cost extension kept (empty for most contracts). */
  frozen?: readonly FrozenPeriod[];
  /** Ended suspensions, whose days earn no instalments (rules/suspension). */
  suspensions?: readonly Suspension[];
}

export interface ScheduleLine {
  period: string;
  startDate: string;
  endDate: string;
  /** The period's last day within the contract: its fixed instalment is paid in arrears, from this day. */
  dueOn: string;
  fixedDue: Pence;
  outcomeAvailable: Pence;
  outcomeEarned: Pence;
  fixedPaid: Pence;
  outcomePaid: Pence;
  reportStatus: ReportStatus | null;
}

/** Derives the schedule from the terms, the approved reports and the ledger: nothing is stored twice. */
export function buildSchedule(input: ScheduleInput): ScheduleLine[] {
  const periods = reportingPeriods(input.startDate, input.endDate, input.reportingPeriod);
  const lines = periodAllowances(input.split, periods, input, input.frozen).map(({ period, fixedDue, outcomeAvailable }) => {
    const report = input.reports.find((r) => r.period === period.name);
    const paid = (kind: 'FIXED' | 'OUTCOME') =>
      input.payments.filter((p) => p.period === period.name && p.kind === kind).reduce((sum, p) => sum + p.amountPence, 0n);
    return {
      period: period.name,
      startDate: period.start,
      endDate: period.end,
      dueOn: period.end < input.endDate ? period.end : input.endDate,
      fixedDue,
      outcomeAvailable,
      outcomeEarned: report?.status === ReportStatus.APPROVED ? (report.earnedPence ?? 0n) : 0n,
      fixedPaid: paid('FIXED'),
      outcomePaid: paid('OUTCOME'),
      reportStatus: report?.status ?? null,
    };
  });
  return withoutSuspendedDays(lines, input.endDate, input.suspensions ?? []);
}

export function toScheduleView(line: ScheduleLine): SchedulePeriodView {
  return {
    period: line.period,
    startDate: line.startDate,
    endDate: line.endDate,
    dueOn: line.dueOn,
    fixedDue: Money.of(line.fixedDue),
    outcomeAvailable: Money.of(line.outcomeAvailable),
    outcomeEarned: Money.of(line.outcomeEarned),
    fixedPaid: Money.of(line.fixedPaid),
    outcomePaid: Money.of(line.outcomePaid),
    paid: Money.of(line.fixedPaid + line.outcomePaid),
    reportStatus: line.reportStatus,
  };
}

export function ledgerLine(row: { period: string; kind: 'FIXED' | 'OUTCOME'; amount_pence: string }): LedgerLine {
  return { period: row.period, kind: row.kind, amountPence: penceFromDb(row.amount_pence) };
}
