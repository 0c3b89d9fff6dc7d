import { Pence } from '@mkt/common';
import { FrozenPeriod } from './contract-terms';

/**
 * A no-cost extension (a variation that moves the end date later and leaves the value as it is)
 * re-spreads only the unpaid money. Periods that have a payment, or ended before the variation is
 * agreed, keep the amounts they had (frozen, kept on the contract: `contract.frozen_periods`); the
 * rest of the fixed and outcome parts spread pro rata over the remaining periods, old and new.
 * Any other change of value or end date spreads the whole contract again (frozen amounts dropped),
 * as a variation always did; a change of outcome measures or status keeps what is frozen.
 */
export function isNoCostExtension(old: { endDate: string; valuePence: Pence }, next: { endDate: string; valuePence: Pence }): boolean {
  return next.endDate > old.endDate && next.valuePence === old.valuePence;
}

export interface CurrentLine {
  period: string;
  endDate: string;
  fixedDue: Pence;
  outcomeAvailable: Pence;
  fixedPaid: Pence;
  outcomePaid: Pence;
}

/** The periods a variation keeps as they are, given the schedule it varies and the day it is agreed. */
export function frozenByVariation(
  old: { endDate: string; valuePence: Pence; frozenPeriods: readonly FrozenPeriod[] },
  next: { endDate: string; valuePence: Pence },
  schedule: readonly CurrentLine[],
  today: string,
): FrozenPeriod[] {
  if (!isNoCostExtension(old, next)) {
    return next.endDate === old.endDate && next.valuePence === old.valuePence ? [...old.frozenPeriods] : [];
  }
  const alreadyFrozen = new Set(old.frozenPeriods.map((f) => f.period));
  return schedule
    .filter((s) => alreadyFrozen.has(s.period) || s.fixedPaid !== 0n || s.outcomePaid !== 0n || s.endDate < today)
    .map((s) => ({ period: s.period, fixed: s.fixedDue, outcome: s.outcomeAvailable }));
}
