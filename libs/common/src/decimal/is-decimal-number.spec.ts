import { hasAtMostDecimals } from './decimal';

describe('hasAtMostDecimals', () => {
  it('counts decimals by value, whatever the notation', () => {
    for (const ok of [0, 1, -3, 0.5, 0.123456, 1e-6, 2.5e-1, 1e3, 123456.654321, 1e9]) expect(hasAtMostDecimals(ok, 6)).toBe(true);
    for (const bad of [1e-7, 1.5e-7, 0.1234567, 0.1 + 0.2, 5e-324]) expect(hasAtMostDecimals(bad, 6)).toBe(false);
    expect(hasAtMostDecimals(0.1234, 4)).toBe(true);
    expect(hasAtMostDecimals(1.5e-5, 4)).toBe(false);
  });

  it('refuses what is not a finite number', () => {
    for (const bad of [NaN, Infinity, -Infinity, '0.5', null, undefined]) expect(hasAtMostDecimals(bad, 6)).toBe(false);
  });
});
