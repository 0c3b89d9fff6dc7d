import { fromMillionths, toMillionths } from './decimal-number';

describe('decimal numbers as millionths', () => {
  it('converts numbers and decimal text exactly', () => {
    expect(toMillionths(0.5)).toBe(500_000n);
    expect(toMillionths(1e-6)).toBe(1n);
    expect(toMillionths('-12.000001')).toBe(-12_000_001n);
    expect(toMillionths('7')).toBe(7_000_000n);
    expect(fromMillionths(toMillionths(123.456789))).toBe(123.456789);
  });

  it('refuses more than six decimals instead of rounding them to zero or truncating them', () => {
    expect(() => toMillionths(1e-7)).toThrow('1e-7 has more than 6 decimal places');
    expect(() => toMillionths(0.1234567)).toThrow(/more than 6 decimal places/);
    expect(() => toMillionths('0.1234567')).toThrow(/not a decimal number/);
    expect(() => toMillionths('1e-7')).toThrow(/not a decimal number/);
    expect(() => toMillionths(1e21)).toThrow(/not a decimal number/);
  });
});
