import { fromMillionths, isDecimalText, rateText, toMillionths } from './decimal';

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

describe('decimal text', () => {
  it('recognises plain decimals, signed unless told otherwise', () => {
    for (const ok of ['0', '0.6', '-12.50', '123456.654321']) expect(isDecimalText(ok)).toBe(true);
    for (const bad of ['', '.5', '5.', '1e-7', ' 1', '+1', '1,5', '0x10']) expect(isDecimalText(bad)).toBe(false);
    expect(isDecimalText('-1', { unsigned: true })).toBe(false);
    expect(isDecimalText('0.6', { unsigned: true })).toBe(true);
  });

  it('writes rates with six decimals, as the numeric(20,6) columns hold them', () => {
    expect(rateText(0.6)).toBe('0.600000');
    expect(rateText(-3)).toBe('-3.000000');
    expect(rateText(1e-6)).toBe('0.000001');
  });
});
