import { averageScore, ratingFor } from './performance-rating';

describe('performance rating', () => {
  it.each([
    [1, 'GOOD'],
    [0.9, 'GOOD'],
    [0.8999, 'APPROACHING_TARGET'],
    [0.7, 'APPROACHING_TARGET'],
    [0.5, 'REQUIRES_IMPROVEMENT'],
    [0.3999, 'INADEQUATE'],
    [0, 'INADEQUATE'],
  ])('rates a score of %s as %s', (score, rating) => {
    expect(ratingFor(score)).toBe(rating);
  });

  it('averages the approved periods', () => {
    expect(averageScore([1, 0.5, 0.75])).toBe(0.75);
    expect(averageScore([])).toBeNull();
  });
});
