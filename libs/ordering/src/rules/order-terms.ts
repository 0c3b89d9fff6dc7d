import { multiply, Pence } from '@mkt/common';
import { monthsSpanned } from '@mkt/common';

/** An order's total: unit price times quantity, or the block price for a fixed block. */
export function orderTotal(pricingUnit: string, unitPrice: Pence, quantity: number): Pence {
  return pricingUnit === 'FIXED_BLOCK' ? unitPrice : multiply(unitPrice, quantity);
}

/** Whole-number weights summing to 100, split equally with the remainder on the last. */
export function equalWeights(count: number): number[] {
  const share = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? 100 - share * (count - 1) : share));
}

/**
 * Capacity is per month: an order's quantity is spread evenly over the calendar months it spans
 * (rounded up), and in each month the accepted orders of an offer may not exceed its capacity.
 */
export function monthlyLoad(quantity: number, start: string, end: string): Map<string, number> {
  const months = monthsSpanned(start, end);
  const perMonth = Math.ceil(quantity / months.length);
  return new Map(months.map((m) => [m, perMonth]));
}

export function firstOverCapacityMonth(
  capacity: number,
  candidate: Map<string, number>,
  accepted: Map<string, number>[],
): { month: string; load: number } | undefined {
  for (const [month, load] of candidate) {
    const total = accepted.reduce((sum, other) => sum + (other.get(month) ?? 0), load);
    if (total > capacity) return { month, load: total };
  }
  return undefined;
}
