import { periodFinancialYear } from './reporting-periods';

/**
 * Outcome achievement band: how far a contract's approved reports reached their outcome targets,
 * from the average weighted achievement score (0 to 1) of those reports, per financial year and
 * for the whole contract:
 *   score >= 0.90 ON_TARGET; >= 0.70 NEAR_TARGET; >= 0.40 BELOW_TARGET; else WELL_BELOW_TARGET.
 * Deliberately not the labels of the Procurement Act's contract performance notices (Good,
 * Approaching target, Requires improvement, Inadequate): those are a commissioner's statutory
 * assessment of a contract's KPIs, which this figure is not. The deprecated `Contract.ratings`
 * field still answers in those labels, mapped one to one (`legacyRating`), until clients move.
 */
export type OutcomeAchievementBandName = 'ON_TARGET' | 'NEAR_TARGET' | 'BELOW_TARGET' | 'WELL_BELOW_TARGET';

export function achievementBandFor(score: number): OutcomeAchievementBandName {
  if (score >= 0.9) return 'ON_TARGET';
  if (score >= 0.7) return 'NEAR_TARGET';
  if (score >= 0.4) return 'BELOW_TARGET';
  return 'WELL_BELOW_TARGET';
}

export type LegacyRating = 'GOOD' | 'APPROACHING_TARGET' | 'REQUIRES_IMPROVEMENT' | 'INADEQUATE';

const LEGACY: Record<OutcomeAchievementBandName, LegacyRating> = {
  ON_TARGET: 'GOOD',
  NEAR_TARGET: 'APPROACHING_TARGET',
  BELOW_TARGET: 'REQUIRES_IMPROVEMENT',
  WELL_BELOW_TARGET: 'INADEQUATE',
};

export function legacyRating(band: OutcomeAchievementBandName): LegacyRating {
  return LEGACY[band];
}

export function averageScore(scores: number[]): number | null {
  if (!scores.length) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10_000) / 10_000;
}

export interface YearAchievement {
  /** A financial year, or "contract" for the whole contract so far. */
  financialYear: string;
  score: number;
  band: OutcomeAchievementBandName;
  periodsApproved: number;
}

/** One line per financial year with approved reports (in year order), then one for the whole contract; none without reports. */
export function achievementByYear(approved: readonly { period: string; score: number }[]): YearAchievement[] {
  const byYear = new Map<string, number[]>();
  for (const report of approved) {
    const year = periodFinancialYear(report.period);
    byYear.set(year, [...(byYear.get(year) ?? []), report.score]);
  }
  const line = (financialYear: string, scores: number[]): YearAchievement => {
    const score = averageScore(scores)!;
    return { financialYear, score, band: achievementBandFor(score), periodsApproved: scores.length };
  };
  const years = [...byYear.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([year, scores]) => line(year, scores));
  return approved.length
    ? [
        ...years,
        line(
          'contract',
          approved.map((r) => r.score),
        ),
      ]
    : [];
}
