import { divideRounded, Pence, toMillionths } from '@mkt/common';

/**
 * The outcome payment rule.
 *
 * Achievement of one measure is a fraction between 0 and 1:
 * - higher is better: (actual - baseline) / (target - baseline), clamped to [0, 1]; when the target
 *   does not exceed the baseline, 1 if the actual meets the target, else 0;
 * - lower is better: the mirror image, (baseline - actual) / (baseline - target), clamped; when the
 *   target is not below the baseline, 1 if the actual is at or below the target, else 0.
 *
 * The payment earned for a period is the period's share of the outcome part times the weighted sum
 * of achievements (weights are whole per cents summing to 100), computed as an exact fraction and
 * rounded once to the nearest penny, halves away from zero.
 */
export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';

export interface Fraction {
  num: bigint;
  den: bigint;
}

const ZERO: Fraction = { num: 0n, den: 1n };
const ONE: Fraction = { num: 1n, den: 1n };

export function achievement(direction: Direction, baseline: number | string, target: number | string, actual: number | string): Fraction {
  let b = toMillionths(baseline);
  let t = toMillionths(target);
  let a = toMillionths(actual);
  if (direction === 'LOWER_IS_BETTER') {
    // Mirror: lower is better becomes higher is better on negated values.
    b = -b;
    t = -t;
    a = -a;
  }
  if (t <= b) return a >= t ? ONE : ZERO;
  const progress = a - b;
  if (progress <= 0n) return ZERO;
  const span = t - b;
  if (progress >= span) return ONE;
  return { num: progress, den: span };
}

export interface WeightedAchievement {
  weight: number;
  achievement: Fraction;
}

/** Sum of weight/100 x achievement, as an exact fraction of 1. */
export function weightedScore(items: WeightedAchievement[]): Fraction {
  let num = 0n;
  let den = 1n;
  for (const { weight, achievement: a } of items) {
    // num/den + (weight * a.num) / (100 * a.den)
    const itemDen = 100n * a.den;
    num = num * itemDen + BigInt(weight) * a.num * den;
    den = den * itemDen;
  }
  return num === 0n ? ZERO : { num, den };
}

export function outcomePaymentEarned(periodOutcomeShare: Pence, items: WeightedAchievement[]): Pence {
  const score = weightedScore(items);
  return divideRounded(periodOutcomeShare * score.num, score.den);
}

export function fractionToNumber(f: Fraction, decimals = 4): number {
  const scale = 10n ** BigInt(decimals);
  return Number(divideRounded(f.num * scale, f.den)) / Number(scale);
}
