import { csvLine, financialQuarterRange, formatPence, isFinancialYear, isIsoDate, Pence } from '@mkt/common';

/**
 * The two transparency publications of payments:
 * - Procurement Act 2023 section 70: every payment of more than GBP 30,000 (including VAT) made
 *   under a public contract, published per quarter (within 30 days of the quarter's end); payments
 *   are not added together to reach the threshold;
 * - HM Treasury's "spend over GBP 25,000": every transaction over GBP 25,000, published per month.
 * Amounts are gross: an invoice's net plus VAT when an invoice was settled by the payment, else the
 * ledger amount (a payment recorded without an invoice is taken as VAT-inclusive, as most
 * voluntary-sector probation services are exempt or outside the scope of VAT).
 */
export const SIGNIFICANT_PAYMENT_OVER_PENCE: Pence = 3_000_000n;
export const SPEND_OVER_PENCE: Pence = 2_500_000n;

/** The publishing body, as HM Treasury's spend files name it. */
export const DEPARTMENT_FAMILY = 'Ministry of Justice';
export const ENTITY = 'HM Prison and Probation Service (National Probation Service commissioning)';

export interface DateRange {
  label: string;
  start: string;
  end: string;
}

/** "2026-27-Q2" -> 1 July to 30 September 2026; null when it is not a financial quarter. */
export function quarterRange(text: string): DateRange | null {
  const match = /^(\d{4}-\d{2})-Q([1-4])$/.exec(text);
  if (!match || !isFinancialYear(match[1])) return null;
  return { label: text, ...financialQuarterRange(match[1], Number(match[2])) };
}

/** "2026-08" -> 1 to 31 August 2026; null when it is not a month. */
export function monthRange(text: string): DateRange | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!match) return null;
  const start = `${text}-01`;
  const last = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate();
  const end = `${text}-${String(last).padStart(2, '0')}`;
  return isIsoDate(start) && isIsoDate(end) ? { label: text, start, end } : null;
}

/** One payment as the publications list it. */
export interface PublishedPayment {
  paymentId: string;
  contractId: string;
  paidOn: string;
  grossPence: Pence;
  vatPence: Pence | null;
  invoiceNumber: string | null;
  supplierName: string;
  supplierIdentifier: string;
  category: string;
  regionCode: string;
  period: string;
  kind: 'FIXED' | 'OUTCOME';
  reversedOn: string | null;
}

export const SIGNIFICANT_PAYMENTS_HEADER = csvLine([
  'Payment date',
  'Amount including VAT',
  'VAT',
  'Supplier',
  'Supplier identifier',
  'Contract identifier (OCID)',
  'Contract period',
  'Payment kind',
  'Invoice number',
  'Payment reference',
  'Reversed on',
]);

export function significantPaymentLine(p: PublishedPayment, ocidPrefix: string): string {
  return csvLine([
    p.paidOn,
    formatPence(p.grossPence),
    p.vatPence === null ? null : formatPence(p.vatPence),
    p.supplierName,
    p.supplierIdentifier,
    `${ocidPrefix}-${p.contractId}`,
    p.period,
    p.kind,
    p.invoiceNumber,
    p.paymentId,
    p.reversedOn,
  ]);
}

export const SPEND_OVER_HEADER = csvLine([
  'Department family',
  'Entity',
  'Date',
  'Expense type',
  'Expense area',
  'Supplier',
  'Transaction number',
  'Amount',
  'Description',
]);

export function spendOverLine(p: PublishedPayment): string {
  const what = p.kind === 'FIXED' ? 'fixed instalment' : 'outcome payment';
  const reversed = p.reversedOn ? ` (reversed ${p.reversedOn})` : '';
  return csvLine([
    DEPARTMENT_FAMILY,
    ENTITY,
    p.paidOn,
    p.category,
    p.regionCode,
    p.supplierName,
    p.paymentId,
    formatPence(p.grossPence),
    `Probation services contract, ${p.period} ${what}${reversed}`,
  ]);
}
