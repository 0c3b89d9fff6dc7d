import { allocateByWeights } from './allocate';
import { splitEvenly } from './money';

describe('allocateByWeights', () => {
  it('equals splitEvenly for equal weights', () => {
    for (const [total, parts] of [
      [100n, 3],
      [1_500_000n, 4],
      [1n, 12],
      [999_999_999_999n, 7],
    ] as const) {
      expect(
        allocateByWeights(
          total,
          Array.from({ length: parts }, () => 1n),
        ),
      ).toEqual(splitEvenly(total, parts));
    }
  });

  it('shares in proportion and adds up exactly', () => {
    expect(allocateByWeights(10_000n, [1n, 3n])).toEqual([2_500n, 7_500n]);
    const shares = allocateByWeights(1_000_000n, [31n * 91n, 92n * 92n, 92n * 92n]);
    expect(shares.reduce((a, b) => a + b, 0n)).toBe(1_000_000n);
    expect(shares[0] < shares[1]).toBe(true);
  });

  it('gives nothing to a zero weight, the remainder to the last weighted part', () => {
    expect(allocateByWeights(100n, [1n, 1n, 1n, 0n])).toEqual([33n, 33n, 34n, 0n]);
  });

  it('refuses weights that cannot share', () => {
    expect(() => allocateByWeights(100n, [])).toThrow();
    expect(() => allocateByWeights(100n, [0n, 0n])).toThrow();
    expect(() => allocateByWeights(100n, [1n, -1n])).toThrow();
  });
});
