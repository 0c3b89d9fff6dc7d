import { Pence } from '@mkt/common';
import { splitValue } from './contract-terms';
import { phaseByFinancialYear } from './pro-rata';
import { ReportingPeriodKind } from './reporting-periods';
import { type FrozenPeriod } from './contract-terms';
import { buildSchedule, ScheduleLine } from './schedule';

/** The terms a contract's money is phased from (an order's, or a contract's after a variation). */
export interface PhasingTerms {
  startDate: string;
  endDate: string;
  reportingPeriod: ReportingPeriodKind;
  valuePence: Pence;
  outcomeSharePercent: number;
  /** Periods a no-cost extension kept at their amounts (`Contract.frozen_periods`): the schedule keeps them, so the phases do. */
  frozen?: readonly FrozenPeriod[];
}

/** What a contract costs in one financial year: the instalments of the periods that start in it. */
export interface ContractPhase {
  financialYear: string;
  fixed: Pence;
  outcome: Pence;
  total: Pence;
}

/**
 * A contract's value per financial year, in year order. Each reporting period's fixed instalment
 * and outcome allowance fall in the financial year of the period's start date. Read from the
 * contract's own schedule (`buildSchedule`, hence `reportingPeriods` and `periodAllowances`), so
 * the phases always sum to the schedule, and to the value, to the penny.
 */
export function contractPhases(terms: PhasingTerms): ContractPhase[] {
  const schedule = buildSchedule({
    startDate: terms.startDate,
    endDate: terms.endDate,
    reportingPeriod: terms.reportingPeriod,
    split: splitValue(terms.valuePence, terms.outcomeSharePercent),
    payments: [],
    reports: [],
    frozen: terms.frozen,
  });
  return phasesOfSchedule(schedule);
}

/** The phases of a schedule already built (fixed due and outcome available of each period). */
export function phasesOfSchedule(schedule: readonly Pick<ScheduleLine, 'startDate' | 'fixedDue' | 'outcomeAvailable'>[]): ContractPhase[] {
  const fixed = phaseByFinancialYear(schedule.map((l) => ({ startDate: l.startDate, amount: l.fixedDue })));
  const outcome = new Map(
    phaseByFinancialYear(schedule.map((l) => ({ startDate: l.startDate, amount: l.outcomeAvailable }))).map((p) => [p.financialYear, p.amount]),
  );
  return fixed.map(({ financialYear, amount }) => {
    const outcomePart = outcome.get(financialYear) ?? 0n;
    return { financialYear, fixed: amount, outcome: outcomePart, total: amount + outcomePart };
  });
}
