import { OutcomeDirection } from '@mkt/reference';

/**
 * A variation may not move a target onto the wrong side of its baseline (issue 13: outcome terms
 * that cannot pay for deterioration). The order's rule (ordering's outcome-terms) refuses such a
 * target at placing; this keeps a variation from reintroducing it. A contract does not keep the
 * order's target kind, so a target equal to its baseline stands for MAINTAIN_AT_LEAST: it may stay
 * (a maintain measure), but an improvement target may not be lowered onto the baseline.
 */
export function variedTargetRefusal(
  measure: { code: string; direction: OutcomeDirection; baseline: number; target: number },
  newTarget: number,
): string | null {
  const { code, direction, baseline, target } = measure;
  const maintained = target === baseline;
  if (newTarget === baseline) {
    return maintained
      ? null
      : `The target for ${code} (${newTarget}) may not be its baseline (${baseline}): it was agreed as an improvement, and a target at the baseline pays for none`;
  }
  const worse = direction === OutcomeDirection.LOWER_IS_BETTER ? newTarget > baseline : newTarget < baseline;
  if (!worse) return null;
  const side = direction === OutcomeDirection.LOWER_IS_BETTER ? 'below' : 'above';
  return `The target for ${code} (${newTarget}) must be ${side} its baseline (${baseline}): a target on the other side would pay for deterioration`;
}
