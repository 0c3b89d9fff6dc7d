import { divideRounded, Pence } from '@mkt/common';

/** A suspension that has ended: from its first day (not delivered) to the day it ended (delivered again). */
export interface Suspension {
  from: string;
  to: string;
}

interface Line {
  startDate: string;
  endDate: string;
  fixedDue: Pence;
  outcomeAvailable: Pence;
  fixedPaid: Pence;
  outcomePaid: Pence;
  outcomeEarned: Pence;
  reportStatus: string | null;
}

const DAY = 86_400_000;
const days = (from: string, toExclusive: string) => Math.max(0, Math.round((Date.parse(toExclusive) - Date.parse(from)) / DAY));
const nextDay = (date: string) => new Date(Date.parse(date) + DAY).toISOString().slice(0, 10);

/** Days of [start, end] (inclusive, within the contract) that fall in a suspension. */
export function suspendedDays(start: string, end: string, suspensions: readonly Suspension[]): number {
  const after = nextDay(end);
  return suspensions.reduce((total, s) => {
    const from = s.from > start ? s.from : start;
    const to = s.to < after ? s.to : after;
    return total + days(from, to);
  }, 0);
}

/**
 * Suspension stops instalments for the suspended days (issue 13): each period's fixed instalment
 * and outcome allowance lose the share of its days (within the contract) that fell in a suspension,
 * rounded to the penny. Never below what was paid for the period; a period whose report was
 * approved keeps its allowance (what it did not earn was released at approval).
 */
export function withoutSuspendedDays<T extends Line>(lines: readonly T[], contractEnd: string, suspensions: readonly Suspension[]): T[] {
  if (!suspensions.length) return [...lines];
  return lines.map((line) => {
    const end = line.endDate < contractEnd ? line.endDate : contractEnd;
    const off = BigInt(suspendedDays(line.startDate, end, suspensions));
    if (off === 0n) return line;
    const all = BigInt(days(line.startDate, nextDay(end)));
    const cut = (amount: Pence) => amount - divideRounded(amount * off, all);
    const atLeast = (amount: Pence, floor: Pence) => (amount > floor ? amount : floor);
    const fixedDue = atLeast(cut(line.fixedDue), line.fixedPaid);
    const approved = line.reportStatus === 'APPROVED';
    const outcomeAvailable = approved ? line.outcomeAvailable : atLeast(cut(line.outcomeAvailable), line.outcomePaid);
    return { ...line, fixedDue, outcomeAvailable };
  });
}
