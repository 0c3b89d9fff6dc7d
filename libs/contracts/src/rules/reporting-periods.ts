import { financialQuarterOf, financialQuarterRange, financialYearOf, monthsSpanned } from '@mkt/common';

/**
 * Reporting periods of a contract: financial-year quarters (`2026-27-Q1`) or calendar months
 * (`2026-04`). A partial first or last period counts as a whole one.
 */
export type ReportingPeriodKind = 'MONTHLY' | 'QUARTERLY';

/** The financial year a reporting period falls in, from its name (`2026-27-Q3` or `2026-11`). */
export function periodFinancialYear(period: string): string {
  return /-Q\d$/.test(period) ? period.slice(0, 7) : financialYearOf(`${period}-01`);
}

export interface ReportingPeriod {
  name: string;
  start: string;
  end: string;
}

function lastDayOfMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

export function reportingPeriods(start: string, end: string, kind: ReportingPeriodKind): ReportingPeriod[] {
  const months = monthsSpanned(start, end);
  if (kind === 'MONTHLY') return months.map((m) => ({ name: m, start: `${m}-01`, end: lastDayOfMonth(m) }));
  const periods: ReportingPeriod[] = [];
  for (const month of months) {
    const date = `${month}-01`;
    const year = financialYearOf(date);
    const quarter = financialQuarterOf(date);
    const name = `${year}-Q${quarter}`;
    if (periods[periods.length - 1]?.name !== name) periods.push({ name, ...financialQuarterRange(year, quarter) });
  }
  return periods;
}
