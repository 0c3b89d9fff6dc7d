import { percentOf, Pence, splitEvenly } from '@mkt/common';
import { ReportingPeriod } from './reporting-periods';

/**
 * A contract's value splits into a fixed part and an outcome part by the order's outcome share.
 * The fixed part is paid in equal instalments, one per reporting period (remainder pennies in the
 * last); the outcome part is spread over the same periods and earned by results.
 */
export interface ContractSplit {
  fixedPart: Pence;
  outcomePart: Pence;
}

export function splitValue(value: Pence, outcomeSharePercent: number): ContractSplit {
  const outcomePart = percentOf(value, outcomeSharePercent);
  return { fixedPart: value - outcomePart, outcomePart };
}

export interface PeriodAllowance {
  period: ReportingPeriod;
  fixedDue: Pence;
  outcomeAvailable: Pence;
}

export function periodAllowances(split: ContractSplit, periods: ReportingPeriod[]): PeriodAllowance[] {
  const fixed = splitEvenly(split.fixedPart, periods.length);
  const outcome = splitEvenly(split.outcomePart, periods.length);
  return periods.map((period, i) => ({ period, fixedDue: fixed[i], outcomeAvailable: outcome[i] }));
}
