/**
 * Calendar rules of probation commissioning. Dates are ISO `YYYY-MM-DD` strings (no time zone);
 * the financial year runs 1 April to 31 March and is named like `2026-27`.
 */
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function isFinancialYear(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = FINANCIAL_YEAR.exec(value);
  return !!match && (Number(match[1]) + 1) % 100 === Number(match[2]);
}

export function financialYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Financial quarter 1..4 of a date (Q1 = April to June). */
export function financialQuarterOf(date: string): number {
  const month = Number(date.slice(5, 7));
  return Math.floor(((month + 8) % 12) / 3) + 1;
}

export function financialYearStart(financialYear: string): string {
  return `${financialYear.slice(0, 4)}-04-01`;
}

/** First and last day (inclusive) of a financial quarter. */
export function financialQuarterRange(financialYear: string, quarter: number): { start: string; end: string } {
  const startYear = Number(financialYear.slice(0, 4));
  const firstMonth = 4 + (quarter - 1) * 3; // 4, 7, 10, 13
  const year = firstMonth > 12 ? startYear + 1 : startYear;
  const month = firstMonth > 12 ? firstMonth - 12 : firstMonth;
  const start = `${year}-${String(month).padStart(2, '0')}-01`;
  const endDate = new Date(Date.UTC(year, month - 1 + 3, 0));
  return { start, end: endDate.toISOString().slice(0, 10) };
}

/** Calendar months (YYYY-MM) from the month of `start` to the month of `end`, inclusive. */
export function monthsSpanned(start: string, end: string): string[] {
  const months: string[] = [];
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  const last = end.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
