/**
 * Fixed instalments are paid in arrears: from the period's last day within the contract (`dueOn`),
 * once the service of the period has been delivered. A contract with an agreed advance schedule
 * (small providers only: ordering's rules/advance-payment) may be paid from the period's first day.
 * The day that counts is the payment's `paidOn` (never in the future).
 */
export function fixedPayableFrom(period: { startDate: string; dueOn: string }, advancePayment: boolean): string {
  return advancePayment ? period.startDate : period.dueOn;
}

/** Why a fixed instalment may not be paid on `paidOn`, or null. */
export function fixedPaymentRefusal(
  period: { period: string; startDate: string; dueOn: string },
  advancePayment: boolean,
  paidOn: string,
): string | null {
  const from = fixedPayableFrom(period, advancePayment);
  if (paidOn >= from) return null;
  return advancePayment
    ? `The fixed instalment for ${period.period} is payable from ${from}, the first day of the period (advance schedule)`
    : `The fixed instalment for ${period.period} is paid in arrears, from ${from}, the last day of the period; the contract has no advance payment schedule`;
}
