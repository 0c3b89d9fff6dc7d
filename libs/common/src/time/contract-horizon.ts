import { financialQuarterRange } from './dates';

/**
 * How long a contract may run: it ends before the tenth anniversary of its start. One place for the
 * rule, because everything listed per period (schedule, reports, ratings, supply-chain quarters)
 * is bounded by it, and the GraphQL cost analysis relies on those bounds. Without it a monthly
 * contract from 0001-01-01 to 9999-12-31 had 119,988 periods, built on every read.
 */
export const MAX_CONTRACT_YEARS = 10;

/** Calendar months a contract can span (a mid-month start spans one more than 12 x years). */
export const MAX_CONTRACT_MONTHS = MAX_CONTRACT_YEARS * 12 + 1;

/** Financial quarters a contract can span. */
export const MAX_CONTRACT_QUARTERS = MAX_CONTRACT_YEARS * 4 + 1;

/** Financial years a contract can span. */
export const MAX_CONTRACT_FINANCIAL_YEARS = MAX_CONTRACT_YEARS + 1;

/** The last day a contract starting on `start` (YYYY-MM-DD) may end: the day before the tenth anniversary. */
export function latestContractEnd(start: string): string {
  const [year, month, day] = start.split('-').map(Number);
  // Dates are written with four-digit years: past 9999 every writable date is within the horizon.
  if (year + MAX_CONTRACT_YEARS > 9999) return '9999-12-31';
  // Date.UTC takes years 0-99 as 1900-1999; setUTCFullYear does not.
  const anniversary = new Date(Date.UTC(2000, month - 1, day));
  anniversary.setUTCFullYear(year + MAX_CONTRACT_YEARS);
  // 29 February rolls to 1 March; the day before is then 28 February, as for any other start.
  anniversary.setUTCDate(anniversary.getUTCDate() - 1);
  return anniversary.toISOString().slice(0, 10);
}

/** Why `end` is not an allowed end for a contract starting on `start`; undefined when it is. */
export function contractPeriodProblem(start: string, end: string): string | undefined {
  if (end < start) return 'must be on or after the start date';
  const latest = latestContractEnd(start);
  if (end > latest) return `a contract may run at most ${MAX_CONTRACT_YEARS} years: from ${start} it must end on or before ${latest}`;
  return undefined;
}

/**
 * Why a financial quarter cannot carry reports for a contract running `start` to `end` (it does not
 * overlap the contract); undefined when it can. Keeps per-quarter lists within MAX_CONTRACT_QUARTERS.
 */
export function quarterOutsideContract(financialYear: string, quarter: number, start: string, end: string): string | undefined {
  const range = financialQuarterRange(financialYear, quarter);
  if (range.end >= start && range.start <= end) return undefined;
  return `${financialYear} Q${quarter} is outside the contract, which runs ${start} to ${end}`;
}
