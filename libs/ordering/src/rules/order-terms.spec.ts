import { equalWeights, firstOverCapacityMonth, monthlyLoad, orderTotal } from './order-terms';

describe('order terms', () => {
  it('prices per unit or per block, exactly', () => {
    expect(orderTotal('PER_REFERRAL', 85_050n, 12)).toBe(1_020_600n);
    expect(orderTotal('FIXED_BLOCK', 4_800_000n, 40)).toBe(4_800_000n);
    expect(orderTotal('PER_SESSION', 9_999_999_999_99n, 1000)).toBe(999_999_999_999_000n);
  });

  it('splits weights equally into whole numbers summing to 100', () => {
    expect(equalWeights(1)).toEqual([100]);
    expect(equalWeights(3)).toEqual([33, 33, 34]);
    expect(equalWeights(7).reduce((a, b) => a + b)).toBe(100);
  });

  it('spreads an order over its months and finds the first month over capacity', () => {
    const a = monthlyLoad(30, '2026-04-10', '2026-06-20'); // 10 a month for Apr-Jun
    expect([...a.entries()]).toEqual([
      ['2026-04', 10],
      ['2026-05', 10],
      ['2026-06', 10],
    ]);
    const b = monthlyLoad(7, '2026-06-01', '2026-07-31'); // 4 a month for Jun-Jul
    expect(firstOverCapacityMonth(14, b, [a])).toEqual(undefined);
    expect(firstOverCapacityMonth(13, b, [a])).toEqual({ month: '2026-06', load: 14 });
  });
});
