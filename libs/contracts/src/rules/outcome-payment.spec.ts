import { achievement, fractionToNumber, outcomePaymentEarned, weightedScore } from './outcome-payment';

const value = (direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER', baseline: number, target: number, actual: number) =>
  fractionToNumber(achievement(direction, baseline, target, actual));

describe('achievement', () => {
  it('measures progress from baseline to target when higher is better', () => {
    expect(value('HIGHER_IS_BETTER', 0.2, 0.6, 0.5)).toBe(0.75);
    expect(value('HIGHER_IS_BETTER', 0, 0.5, 0.25)).toBe(0.5);
    expect(value('HIGHER_IS_BETTER', 0, 0.5, 0.5)).toBe(1);
  });

  it('caps over-achievement at 1 and under-baseline results at 0', () => {
    expect(value('HIGHER_IS_BETTER', 0, 0.5, 0.9)).toBe(1);
    expect(value('HIGHER_IS_BETTER', 0.3, 0.6, 0.1)).toBe(0);
  });

  it('mirrors the rule when lower is better', () => {
    // Baseline 40% reoffending, target 20%: 30% is half-way there.
    expect(value('LOWER_IS_BETTER', 0.4, 0.2, 0.3)).toBe(0.5);
    expect(value('LOWER_IS_BETTER', 0.4, 0.2, 0.1)).toBe(1);
    expect(value('LOWER_IS_BETTER', 0.4, 0.2, 0.5)).toBe(0);
  });

  it('counts a target that does not exceed the baseline as met or not', () => {
    expect(value('HIGHER_IS_BETTER', 0, 0, 0)).toBe(1); // zero target, zero baseline: met
    expect(value('HIGHER_IS_BETTER', 0.5, 0.5, 0.49)).toBe(0);
    expect(value('HIGHER_IS_BETTER', 0.5, 0.4, 0.45)).toBe(1);
    expect(value('LOWER_IS_BETTER', 0, 0, 0)).toBe(1);
    expect(value('LOWER_IS_BETTER', 0, 0, 1)).toBe(0);
  });

  it('is exact for thirds', () => {
    const a = achievement('HIGHER_IS_BETTER', 0, 0.3, 0.1);
    expect(a.num * 3n).toBe(a.den);
  });
});

describe('outcome payment earned', () => {
  it('pays the weighted share of the period outcome pot (worked example in docs/contracts.md)', () => {
    // Period outcome share GBP 1,000.00. Measure A weight 60, achievement 0.75; measure B weight 40,
    // achievement 0.5. Score 0.45 + 0.2 = 0.65, earned GBP 650.00.
    const earned = outcomePaymentEarned(100_000n, [
      { weight: 60, achievement: achievement('HIGHER_IS_BETTER', 0.2, 0.6, 0.5) },
      { weight: 40, achievement: achievement('LOWER_IS_BETTER', 0.4, 0.2, 0.3) },
    ]);
    expect(earned).toBe(65_000n);
  });

  it('rounds once, halves away from zero', () => {
    // 333.33 x (1/3) = 111.11; 100.01 x 0.5 = 50.005 -> 50.01
    expect(outcomePaymentEarned(33_333n, [{ weight: 100, achievement: achievement('HIGHER_IS_BETTER', 0, 0.3, 0.1) }])).toBe(11_111n);
    expect(outcomePaymentEarned(10_001n, [{ weight: 100, achievement: achievement('HIGHER_IS_BETTER', 0, 1, 0.5) }])).toBe(5_001n);
  });

  it('pays everything when every target is over-achieved and nothing when all miss', () => {
    const all = [
      { weight: 33, achievement: achievement('HIGHER_IS_BETTER', 0, 0.5, 0.8) },
      { weight: 33, achievement: achievement('HIGHER_IS_BETTER', 0, 0, 0) },
      { weight: 34, achievement: achievement('LOWER_IS_BETTER', 0.5, 0.2, 0.1) },
    ];
    expect(outcomePaymentEarned(123_457n, all)).toBe(123_457n);
    expect(outcomePaymentEarned(123_457n, [{ weight: 100, achievement: achievement('HIGHER_IS_BETTER', 0.3, 0.6, 0.2) }])).toBe(0n);
  });

  it('gives a score between 0 and 1', () => {
    const score = weightedScore([
      { weight: 50, achievement: { num: 1n, den: 3n } },
      { weight: 50, achievement: { num: 2n, den: 3n } },
    ]);
    expect(fractionToNumber(score)).toBe(0.5);
  });
});
