import { Pence } from '@mkt/common';

/**
 * Prompt payment (Procurement Act 2023, sections 68 and 69; Procurement Regulations 2024,
 * regulation 38). A valid, undisputed invoice must be paid within 30 days of the day it is
 * received, or by the day it falls due if that is later. A payments compliance notice reports,
 * per six-month reporting period (1 April to 30 September, 1 October to 31 March), the average
 * days taken to pay and the shares of invoices paid within 30 days, in 31 to 60 days and later.
 * Days are calendar days from receipt (day 0) to the day paid; day 30 is on time, day 31 late.
 */
export const PAYMENT_TERM_DAYS = 30;

const DAY_MS = 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export interface PaidInvoice {
  receivedOn: string;
  /** When payment falls due under the invoice, if later than receipt plus the term. */
  dueOn?: string | null;
  paidOn: string;
  grossPence: Pence;
}

/** Days from receipt to payment. */
export function daysToPay(invoice: PaidInvoice): number {
  return Math.max(daysBetween(invoice.receivedOn, invoice.paidOn), 0);
}

/** The last day payment is on time: 30 days from receipt, or the invoice's due date if later. */
export function paymentDeadline(invoice: Pick<PaidInvoice, 'receivedOn' | 'dueOn'>): string {
  const term = new Date(Date.parse(`${invoice.receivedOn}T00:00:00Z`) + PAYMENT_TERM_DAYS * DAY_MS).toISOString().slice(0, 10);
  return invoice.dueOn && invoice.dueOn > term ? invoice.dueOn : term;
}

export const paidOnTime = (invoice: PaidInvoice) => invoice.paidOn <= paymentDeadline(invoice);

/** The six-month reporting period a payment date falls in, e.g. `2026-04-01/2026-09-30`. */
export function complianceReportingPeriod(date: string): { start: string; end: string } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month >= 4 && month <= 9) return { start: `${year}-04-01`, end: `${year}-09-30` };
  const startYear = month >= 10 ? year : year - 1;
  return { start: `${startYear}-10-01`, end: `${startYear + 1}-03-31` };
}

export interface ComplianceFigures {
  invoices: number;
  averageDays: number | null;
  /** Percentages with one decimal, of the number of invoices. */
  /** Paid by the deadline (see paymentDeadline). */
  withinTerm: number;
  within30: number;
  from31To60: number;
  over60: number;
  grossPaid: Pence;
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

export function complianceFigures(invoices: readonly PaidInvoice[]): ComplianceFigures {
  const days = invoices.map(daysToPay);
  const n = days.length;
  return {
    invoices: n,
    averageDays: n ? Math.round((days.reduce((a, b) => a + b, 0) / n) * 10) / 10 : null,
    withinTerm: share(invoices.filter(paidOnTime).length, n),
    within30: share(days.filter((d) => d <= 30).length, n),
    from31To60: share(days.filter((d) => d > 30 && d <= 60).length, n),
    over60: share(days.filter((d) => d > 60).length, n),
    grossPaid: invoices.reduce((sum, i) => sum + i.grossPence, 0n),
  };
}
