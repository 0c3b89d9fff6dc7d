/**
 * The one module for money. Amounts are integer pence held as `bigint`; they are parsed from and
 * formatted to decimal strings ("1250.00") and never pass through a JS float.
 *
 * Rounding rule (used everywhere a share of money is taken): compute the exact rational amount,
 * then round once to the nearest penny, halves away from zero ("round half up" for positive
 * amounts). Splits put the remainder pennies in the last part.
 */
export type Pence = bigint;

export const CURRENCY = 'GBP';

/** Accepts "12", "12.3", "12.30", "-4.05"; at most two decimal places. */
const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Largest amount accepted from clients: 10^15 pounds is far beyond any budget and fits bigint columns. */
export const MAX_PENCE: Pence = 10n ** 17n;

export class MoneyFormatError extends Error {}

export function isDecimalString(value: unknown, maxDecimals = 2): value is string {
  if (typeof value !== 'string') return false;
  const match = DECIMAL_PATTERN.exec(value.trim());
  if (!match) return false;
  if (maxDecimals < 2 && (match[3]?.length ?? 0) > maxDecimals) return false;
  return match[2].length <= 18;
}

export function parsePence(value: string): Pence {
  const match = DECIMAL_PATTERN.exec(value.trim());
  if (!match || match[2].length > 18) {
    throw new MoneyFormatError(`"${value}" is not an amount with at most two decimal places`);
  }
  const [, sign, pounds, fraction = ''] = match;
  const pence = BigInt(pounds) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -pence : pence;
}

export function formatPence(pence: Pence): string {
  const negative = pence < 0n;
  const abs = negative ? -pence : pence;
  const pounds = abs / 100n;
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${pounds.toString()}.${rest}`;
}

/**
 * Money for people to read in messages (errors, logs a person acts on): "GBP 2,720.00", pounds with
 * thousands separators and two decimals, from pence or from a client's decimal string ("1" ->
 * "GBP 1.00"). Clients read exact amounts from `extensions` as decimal strings (formatPence), not
 * from the message.
 */
export function formatPounds(amount: Pence | string): string {
  const pence = typeof amount === 'string' ? parsePence(amount) : amount;
  const [pounds, rest] = formatPence(pence < 0n ? -pence : pence).split('.');
  const grouped = pounds.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${pence < 0n ? '-' : ''}${CURRENCY} ${grouped}.${rest}`;
}

/**
 * formatPence for an integer number of pence as PostgreSQL returns it ("-5", "123450"), with
 * string operations only: the same text as `formatPence(BigInt(text))`, without a bigint per
 * value (reports format tens of thousands of amounts per response).
 */
export function formatPenceText(text: string): string {
  if (!/^-?\d+$/.test(text)) throw new MoneyFormatError(`"${text}" is not a whole number of pence`);
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).replace(/^0+(?=\d)/, '').padStart(3, '0');
  const formatted = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return negative && formatted !== '0.00' ? `-${formatted}` : formatted;
}

/** Values read from `bigint` columns arrive from `pg` as strings. */
export function penceFromDb(value: string | number | bigint | null | undefined): Pence {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new MoneyFormatError(`unsafe pence value ${value}`);
    return BigInt(value);
  }
  return BigInt(value);
}

export function multiply(pence: Pence, quantity: number | bigint): Pence {
  if (typeof quantity === 'number' && !Number.isSafeInteger(quantity)) {
    throw new MoneyFormatError('quantity must be a whole number');
  }
  return pence * BigInt(quantity);
}

/** numerator / denominator rounded to the nearest integer, halves away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MoneyFormatError('division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

/** `percent` per cent of an amount (integer percent), rounded by the rule above. */
export function percentOf(pence: Pence, percent: number): Pence {
  if (!Number.isInteger(percent)) throw new MoneyFormatError('percent must be a whole number');
  return divideRounded(pence * BigInt(percent), 100n);
}

/** Equal parts of a total; the remainder pennies go in the last part. */
export function splitEvenly(total: Pence, parts: number): Pence[] {
  if (!Number.isInteger(parts) || parts < 1) throw new MoneyFormatError('parts must be a positive integer');
  const n = BigInt(parts);
  const share = total / n;
  const result: Pence[] = Array.from({ length: parts }, () => share);
  result[parts - 1] = total - share * (n - 1n);
  return result;
}

export function sum(values: Iterable<Pence>): Pence {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

export function maxPence(a: Pence, b: Pence): Pence {
  return a > b ? a : b;
}

/** For publication formats that want JSON numbers (OCDS); pounds with two decimals. */
export function toPoundsNumber(pence: Pence): number {
  return Number(formatPence(pence));
}
