import { allocateByWeights, financialYearOf, Pence } from '@mkt/common';
import { ReportingPeriod } from './reporting-periods';

/**
 * Pro-rata instalments. A period the contract covers in full counts as one share; a period it
 * covers in part counts the fraction of its days it covers (a contract starting 1 December has a
 * first quarter, October to December, of 31/92 of a share). Shares are by days within the period,
 * so whole quarters (or months) stay equal whatever their length, as finance expects of quarterly
 * instalments, and only the partial first and last periods are reduced.
 */
export interface CoveredPeriod extends ReportingPeriod {
  /** Days of the period inside the contract's dates. */
  coveredDays: number;
  /** Days of the whole period. */
  periodDays: number;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

export function coverage(periods: readonly ReportingPeriod[], startDate: string, endDate: string): CoveredPeriod[] {
  return periods.map((period) => {
    const from = period.start > startDate ? period.start : startDate;
    const to = period.end < endDate ? period.end : endDate;
    return { ...period, coveredDays: Math.max(daysBetween(from, to), 0), periodDays: daysBetween(period.start, period.end) };
  });
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** Whole-number weights proportional to coveredDays / periodDays (over the lcm of the period lengths). */
export function proRataWeights(periods: readonly CoveredPeriod[]): bigint[] {
  const lengths = [...new Set(periods.map((p) => BigInt(p.periodDays)))];
  const lcm = lengths.reduce((acc, n) => (acc * n) / gcd(acc, n), 1n);
  return periods.map((p) => (BigInt(p.coveredDays) * lcm) / BigInt(p.periodDays));
}

/** A total spread over the periods pro rata (remainder pennies in the last period). */
export function proRataShares(total: Pence, periods: readonly CoveredPeriod[]): Pence[] {
  return allocateByWeights(total, proRataWeights(periods));
}

/** Amounts per financial year, in year order, from amounts per period. */
export function phaseByFinancialYear(lines: readonly { startDate: string; amount: Pence }[]): { financialYear: string; amount: Pence }[] {
  const years = new Map<string, Pence>();
  for (const line of lines) {
    const year = financialYearOf(line.startDate);
    years.set(year, (years.get(year) ?? 0n) + line.amount);
  }
  return [...years.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([financialYear, amount]) => ({ financialYear, amount }));
}
