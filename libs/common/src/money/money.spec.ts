import {
  divideRounded,
  formatPence,
  formatPenceText,
  formatPounds,
  isDecimalString,
  multiply,
  parsePence,
  percentOf,
  splitEvenly,
  sum,
  toPoundsNumber,
} from './money';

describe('money', () => {
  it.each([
    ['0', 0n],
    ['0.5', 50n],
    ['12.3', 1230n],
    ['12.30', 1230n],
    ['1250.00', 125000n],
    ['-4.05', -405n],
    ['21474836.48', 2147483648n], // 2^31 pence
    ['92233720368547758.07', 9223372036854775807n], // bigint column maximum
  ])('parses %s as %s pence', (text, pence) => {
    expect(parsePence(text)).toBe(pence);
  });

  it.each(['1.234', '1.', '.5', 'abc', '1e3', '', ' ', '1,000.00', '--1'])('refuses %p', (text) => {
    expect(isDecimalString(text)).toBe(false);
    expect(() => parsePence(text)).toThrow();
  });

  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [-5n, '-0.05'],
    [125000n, '1250.00'],
    [9007199254740993n, '90071992547409.93'], // beyond Number.MAX_SAFE_INTEGER: no float on the way
  ])('formats %s pence as %s', (pence, text) => {
    expect(formatPence(pence)).toBe(text);
  });

  it.each(['0', '5', '-5', '100', '-100', '123450', '007', '-0', '9007199254740993', '-92233720368547758'])(
    'formats pence text %s exactly as formatPence does',
    (text) => {
      expect(formatPenceText(text)).toBe(formatPence(BigInt(text)));
    },
  );

  it('refuses pence text that is not a whole number', () => {
    expect(() => formatPenceText('1.5')).toThrow();
    expect(() => formatPenceText('')).toThrow();
  });

  it('multiplies exactly, beyond 2^53', () => {
    expect(multiply(parsePence('85000000.01'), 3)).toBe(25500000003n);
    expect(multiply(9007199254740993n, 10)).toBe(90071992547409930n);
    expect(() => multiply(100n, 1.5)).toThrow();
  });

  it('rounds halves away from zero, once', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    expect(divideRounded(5n, 3n)).toBe(2n);
    expect(divideRounded(1n, -2n)).toBe(-1n);
    expect(() => divideRounded(1n, 0n)).toThrow();
  });

  it('takes percentages with the same rule', () => {
    expect(percentOf(100001n, 20)).toBe(20000n); // 20000.2
    expect(percentOf(100003n, 50)).toBe(50002n); // 50001.5 rounds up
    expect(percentOf(999n, 0)).toBe(0n);
  });

  it('splits evenly with the remainder in the last part', () => {
    expect(splitEvenly(1000n, 3)).toEqual([333n, 333n, 334n]);
    expect(splitEvenly(2n, 4)).toEqual([0n, 0n, 0n, 2n]);
    expect(sum(splitEvenly(123457n, 7))).toBe(123457n);
    expect(() => splitEvenly(10n, 0)).toThrow();
  });

  it('converts to pounds only for publication formats', () => {
    expect(toPoundsNumber(123450n)).toBe(1234.5);
  });

  it.each([
    [0n, 'GBP 0.00'],
    [5n, 'GBP 0.05'],
    [272000n, 'GBP 2,720.00'],
    [100000n, 'GBP 1,000.00'],
    [99999n, 'GBP 999.99'],
    [-123456789n, '-GBP 1,234,567.89'],
    ['1', 'GBP 1.00'],
    ['2720.5', 'GBP 2,720.50'],
    [9223372036854775807n, 'GBP 92,233,720,368,547,758.07'],
  ])('formats %p for a message as %s', (amount, text) => {
    expect(formatPounds(amount)).toBe(text);
  });
});
