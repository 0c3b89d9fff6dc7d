/**
 * Outcome terms that cannot pay for deterioration. A target must be on the improving side of its
 * baseline: above it when higher is better, below it when lower is better. Holding a level is a
 * kind of its own (`MAINTAIN_AT_LEAST`: the target equals the baseline and only an actual at or
 * above it earns), so a target on the wrong side is never a silent "maintain".
 *
 * The default outcome share (the part of the value paid on results) depends on the provider's
 * income band: a small charity cannot carry the risk of waiting for outcome money (the 2018
 * research found half of funded charity services subsidised from reserves), so under GBP 100k the
 * default is 0%; each band also has a cap. Configurable (`OUTCOME_SHARE_BY_BAND`).
 */
export type OutcomeKind = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER' | 'MAINTAIN_AT_LEAST';

/** Why a target cannot be agreed against its baseline, or null. Values are exact decimal strings or numbers. */
export function outcomeTargetRefusal(kind: OutcomeKind, baseline: number, target: number, measureCode: string): string | null {
  if (kind === 'HIGHER_IS_BETTER' && !(target > baseline))
    return `The target for ${measureCode} (${target}) must be above its baseline (${baseline}): higher is better, and a target at or below the baseline would pay for no improvement or for deterioration; use MAINTAIN_AT_LEAST to pay for holding a level`;
  if (kind === 'LOWER_IS_BETTER' && !(target < baseline))
    return `The target for ${measureCode} (${target}) must be below its baseline (${baseline}): lower is better, and a target at or above the baseline would pay for no improvement or for deterioration; use MAINTAIN_AT_LEAST to pay for holding a level`;
  if (kind === 'MAINTAIN_AT_LEAST' && target !== baseline)
    return `A MAINTAIN_AT_LEAST target for ${measureCode} is the baseline itself (${baseline}), not ${target}`;
  return null;
}

export type IncomeBandName = 'UNDER_100K' | 'FROM_100K_TO_1M' | 'FROM_1M_TO_10M' | 'OVER_10M';

export interface OutcomeShareRule {
  defaultPercent: number;
  maxPercent: number;
}

export const DEFAULT_OUTCOME_SHARES: Readonly<Record<IncomeBandName, OutcomeShareRule>> = {
  UNDER_100K: { defaultPercent: 0, maxPercent: 10 },
  FROM_100K_TO_1M: { defaultPercent: 20, maxPercent: 30 },
  FROM_1M_TO_10M: { defaultPercent: 20, maxPercent: 40 },
  OVER_10M: { defaultPercent: 20, maxPercent: 50 },
};

/** The share to use (the asked one, or the band's default), or a refusal when it passes the band's cap. */
export function outcomeShareFor(
  band: IncomeBandName,
  asked: number | null | undefined,
  rules: Readonly<Record<IncomeBandName, OutcomeShareRule>> = DEFAULT_OUTCOME_SHARES,
): { percent: number } | { refusal: string } {
  const rule = rules[band];
  const percent = asked ?? rule.defaultPercent;
  if (percent > rule.maxPercent)
    return { refusal: `An outcome share of ${percent}% is above the ${rule.maxPercent}% cap for a provider with income ${band}` };
  return { percent };
}

/** Parses `UNDER_100K:0/10,FROM_100K_TO_1M:10/25,...` (default/cap per band) over the defaults. */
export function parseOutcomeShares(text: string): Record<IncomeBandName, OutcomeShareRule> {
  const rules = { ...DEFAULT_OUTCOME_SHARES };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(UNDER_100K|FROM_100K_TO_1M|FROM_1M_TO_10M|OVER_10M):(\d{1,3})\/(\d{1,3})$/.exec(part);
    const [defaultPercent, maxPercent] = match ? [Number(match[2]), Number(match[3])] : [NaN, NaN];
    if (!match || defaultPercent > maxPercent || maxPercent > 100)
      throw new Error(`Not an outcome share rule: "${part}" (BAND:default/cap, per cent)`);
    rules[match[1] as IncomeBandName] = { defaultPercent, maxPercent };
  }
  return rules;
}
