import { achievementBandFor, achievementByYear, averageScore, legacyRating } from './outcome-achievement';

describe('outcome achievement band', () => {
  it.each([
    [1, 'ON_TARGET', 'GOOD'],
    [0.9, 'ON_TARGET', 'GOOD'],
    [0.8999, 'NEAR_TARGET', 'APPROACHING_TARGET'],
    [0.7, 'NEAR_TARGET', 'APPROACHING_TARGET'],
    [0.5, 'BELOW_TARGET', 'REQUIRES_IMPROVEMENT'],
    [0.3999, 'WELL_BELOW_TARGET', 'INADEQUATE'],
    [0, 'WELL_BELOW_TARGET', 'INADEQUATE'],
  ])('puts a score of %s in %s (deprecated rating %s)', (score, band, rating) => {
    expect(achievementBandFor(score)).toBe(band);
    expect(legacyRating(achievementBandFor(score))).toBe(rating);
  });

  it('averages the approved periods', () => {
    expect(averageScore([1, 0.5, 0.75])).toBe(0.75);
    expect(averageScore([])).toBeNull();
  });

  it('gives one line per financial year, quarterly or monthly periods, then the whole contract', () => {
    expect(
      achievementByYear([
        { period: '2027-28-Q1', score: 0.5 },
        { period: '2026-27-Q4', score: 1 },
        { period: '2027-02', score: 0.8 },
      ]),
    ).toEqual([
      { financialYear: '2026-27', score: 0.9, band: 'ON_TARGET', periodsApproved: 2 },
      { financialYear: '2027-28', score: 0.5, band: 'BELOW_TARGET', periodsApproved: 1 },
      { financialYear: 'contract', score: 0.7667, band: 'NEAR_TARGET', periodsApproved: 3 },
    ]);
    expect(achievementByYear([])).toEqual([]);
  });
});
