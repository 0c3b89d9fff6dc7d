import { MoneyFormatError, Pence } from './money';

/**
 * Shares of a total in proportion to whole-number weights: each share rounded down, the remainder
 * pennies in the last part that has a weight (as `splitEvenly` does, which this equals when the
 * weights are equal). The shares always add up to the total exactly.
 */
export function allocateByWeights(total: Pence, weights: readonly bigint[]): Pence[] {
  if (!weights.length) throw new MoneyFormatError('at least one weight is needed');
  if (weights.some((w) => w < 0n)) throw new MoneyFormatError('weights cannot be negative');
  const whole = weights.reduce((a, b) => a + b, 0n);
  if (whole === 0n) throw new MoneyFormatError('the weights add up to zero');
  const shares = weights.map((w) => (total * w) / whole);
  const last = weights.findLastIndex((w) => w > 0n);
  shares[last] += total - shares.reduce((a, b) => a + b, 0n);
  return shares;
}
