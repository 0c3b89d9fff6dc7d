import { percentOf, Pence } from '@mkt/common';
import { coverage, proRataShares } from './pro-rata';
import { ReportingPeriod } from './reporting-periods';

/**
 * A contract's value splits into a fixed part and an outcome part by the order's outcome share.
 * Both parts are spread over the reporting periods pro rata to the days of each period the
 * contract covers (rules/pro-rata: whole periods equal, a partial first or last period its share
 * of days; remainder pennies in the last period); the fixed part is paid in those instalments, the
 * outcome part is earned by results.
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

/** Amounts of a period fixed by an agreed no-cost extension (they no longer follow the spread). */
export interface FrozenPeriod {
  period: string;
  fixed: Pence;
  outcome: Pence;
}

/**
 * Each period's fixed instalment and outcome allowance. Periods in `frozen` keep their amounts;
 * what is left of each part is spread pro rata over the other periods (all of them when nothing
 * is frozen), so the schedule always adds up to the parts to the penny.
 */
export function periodAllowances(
  split: ContractSplit,
  periods: ReportingPeriod[],
  dates: { startDate: string; endDate: string },
  frozen: readonly FrozenPeriod[] = [],
): PeriodAllowance[] {
  const kept = new Map(frozen.map((f) => [f.period, f]));
  const open = coverage(
    periods.filter((p) => !kept.has(p.name)),
    dates.startDate,
    dates.endDate,
  );
  const keptSum = (pick: (f: FrozenPeriod) => Pence) => periods.reduce((total, p) => total + (kept.has(p.name) ? pick(kept.get(p.name)!) : 0n), 0n);
  const fixed = spread(split.fixedPart - keptSum((f) => f.fixed), open);
  const outcome = spread(split.outcomePart - keptSum((f) => f.outcome), open);
  let i = 0;
  return periods.map((period) => {
    const k = kept.get(period.name);
    if (k) return { period, fixedDue: k.fixed, outcomeAvailable: k.outcome };
    const allowance = { period, fixedDue: fixed[i], outcomeAvailable: outcome[i] };
    i += 1;
    return allowance;
  });
}

function spread(total: Pence, open: ReturnType<typeof coverage>): Pence[] {
  if (!open.length) return [];
  return proRataShares(total, open);
}
