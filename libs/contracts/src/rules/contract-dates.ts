import { ContractStatus } from '../contracts.enums';

/**
 * Dates that limit what can still happen on a contract.
 *
 * Payments are made in arrears: the last period's instalment and outcome payment are often paid
 * after the contract has ended. A payment may therefore be dated from the contract's start date
 * up to PAYMENT_RUN_OFF_MONTHS after its end date (and never in the future, checked against the
 * clock by the caller).
 */
export const PAYMENT_RUN_OFF_MONTHS = 6;

/** `date` plus whole calendar months; the day is clamped to the month's last (31 Aug + 6 = 28 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The first and last dates a payment of the contract may carry as `paidOn`. */
export function paymentWindow(startDate: string, endDate: string): { from: string; to: string } {
  return { from: startDate, to: addMonths(endDate, PAYMENT_RUN_OFF_MONTHS) };
}

export interface StatusChange {
  status: ContractStatus;
  changedAt: Date;
}

/**
 * The day (UTC) the contract last stopped being ACTIVE: the first version of the run of
 * non-ACTIVE versions that ends with the current one. A contract suspended on 1 September and
 * terminated on 15 November stopped on 1 September: nothing was payable for periods starting
 * during the suspension, and termination does not make them payable. Null while ACTIVE (or
 * COMPLETED, which is not a stop).
 */
export function stoppedOn(versions: StatusChange[]): string | null {
  const stops = [ContractStatus.SUSPENDED, ContractStatus.TERMINATED];
  let first: StatusChange | undefined;
  for (let i = versions.length - 1; i >= 0 && stops.includes(versions[i].status); i--) first = versions[i];
  return first ? first.changedAt.toISOString().slice(0, 10) : null;
}

/**
 * Why a period can no longer be paid (or its report approved), or null if it can: a SUSPENDED
 * contract pays nothing, and a TERMINATED one neither pays nor approves, for periods that began
 * after the day it stopped being ACTIVE. Periods that began on or before that day (delivered, or
 * under way) can still be settled.
 */
export function stopRefusal(
  contract: { status: ContractStatus; stoppedOn: string | null },
  period: { period: string; startDate: string },
  action: 'payment' | 'approval',
): string | null {
  const { status, stoppedOn: since } = contract;
  const applies = status === ContractStatus.TERMINATED || (status === ContractStatus.SUSPENDED && action === 'payment');
  if (!applies || since === null || period.startDate <= since) return null;
  return `The contract is ${status} since ${since}: no ${action} for ${period.period}, which began on ${period.startDate}`;
}
