import { outcomeShareFor, outcomeTargetRefusal, parseOutcomeShares } from './outcome-terms';

describe('outcome targets', () => {
  it('refuses a target on the wrong side of its baseline', () => {
    expect(outcomeTargetRefusal('HIGHER_IS_BETTER', 0.5, 0.3, 'ACC-03')).toMatch(/above its baseline/);
    expect(outcomeTargetRefusal('HIGHER_IS_BETTER', 0.5, 0.5, 'ACC-03')).toMatch(/MAINTAIN_AT_LEAST/);
    expect(outcomeTargetRefusal('LOWER_IS_BETTER', 0.2, 0.25, 'ACC-08')).toMatch(/below its baseline/);
    expect(outcomeTargetRefusal('HIGHER_IS_BETTER', 0.5, 0.6, 'ACC-03')).toBeNull();
    expect(outcomeTargetRefusal('LOWER_IS_BETTER', 0.2, 0.15, 'ACC-08')).toBeNull();
  });

  it('makes "maintain at least" its own kind, with the baseline as target', () => {
    expect(outcomeTargetRefusal('MAINTAIN_AT_LEAST', 0.7, 0.7, 'ETE-01')).toBeNull();
    expect(outcomeTargetRefusal('MAINTAIN_AT_LEAST', 0.7, 0.6, 'ETE-01')).toMatch(/baseline itself/);
  });
});

describe('outcome share by income band', () => {
  it('defaults to 0% under GBP 100k and caps each band', () => {
    expect(outcomeShareFor('UNDER_100K', undefined)).toEqual({ percent: 0 });
    expect(outcomeShareFor('UNDER_100K', 10)).toEqual({ percent: 10 });
    expect(outcomeShareFor('UNDER_100K', 20)).toEqual({ refusal: expect.stringMatching(/10% cap/) });
    expect(outcomeShareFor('OVER_10M', undefined)).toEqual({ percent: 20 });
  });

  it('reads configured rules', () => {
    const rules = parseOutcomeShares('UNDER_100K:5/5, OVER_10M:30/60');
    expect(outcomeShareFor('UNDER_100K', undefined, rules)).toEqual({ percent: 5 });
    expect(outcomeShareFor('OVER_10M', 60, rules)).toEqual({ percent: 60 });
    expect(outcomeShareFor('FROM_1M_TO_10M', undefined, rules)).toEqual({ percent: 20 });
    expect(() => parseOutcomeShares('UNDER_100K:20/10')).toThrow(/outcome share rule/);
  });
});
