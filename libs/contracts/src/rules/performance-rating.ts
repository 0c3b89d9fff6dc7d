/**
 * Contract performance rating, as UK contract performance notices rate contracts (Good,
 * Approaching target, Requires improvement, Inadequate). Derived from the weighted outcome
 * achievement of the approved reports in a financial year (or the whole contract), averaged over
 * those reports:
 *   score >= 0.90 GOOD; >= 0.70 APPROACHING_TARGET; >= 0.40 REQUIRES_IMPROVEMENT; else INADEQUATE.
 */
export type PerformanceRating = 'GOOD' | 'APPROACHING_TARGET' | 'REQUIRES_IMPROVEMENT' | 'INADEQUATE';

export function ratingFor(score: number): PerformanceRating {
  if (score >= 0.9) return 'GOOD';
  if (score >= 0.7) return 'APPROACHING_TARGET';
  if (score >= 0.4) return 'REQUIRES_IMPROVEMENT';
  return 'INADEQUATE';
}

export function averageScore(scores: number[]): number | null {
  if (!scores.length) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10_000) / 10_000;
}
