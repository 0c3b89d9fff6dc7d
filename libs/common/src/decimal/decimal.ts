/**
 * Exact decimals that are not money: outcome targets, baselines, actuals and contributions (rates,
 * counts). They arrive as GraphQL `Float`s or as text, are stored in numeric(20,6) columns, and the
 * outcome payment multiplies them with money, so the arithmetic is exact: each number is held as an
 * integer count of millionths. Money itself (two decimals, pence) is libs/common/src/money.
 */
export const RATE_DECIMAL_PLACES = 6;
export const MILLIONTHS_PER_UNIT = 1_000_000n;

export class DecimalNumberError extends Error {}

/** Decimal text: digits, optionally a sign and a fractional part (no exponent, no spaces). */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const UNSIGNED_DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/** Whether `text` is a plain decimal such as "-12.50" or "0.6"; `unsigned` refuses a minus sign. */
export function isDecimalText(text: string, options: { unsigned?: boolean } = {}): boolean {
  return (options.unsigned ? UNSIGNED_DECIMAL_TEXT : DECIMAL_TEXT).test(text);
}

/**
 * `Float` inputs that stand for exact decimals (rates, targets, baselines, actuals, contributions).
 * JSON numbers carry no notation: `1e-7` arrives as the same double as `0.0000001`, and
 * class-validator's `maxDecimalPlaces` counts digits after a "." in `String(value)`, so it saw
 * none in "1e-7" and the value was later rounded to 0.000000. This counts decimals by value: the
 * number must equal itself rounded to `places` decimals (its shortest form has at most `places`).
 * A plain boolean, not `value is number`: false does not mean "not a number" (0.1234567 is one).
 */
export function hasAtMostDecimals(value: unknown, places: number): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return Number(value.toFixed(places)) === value;
}

/**
 * Exact millionths of a number or decimal text. More than six decimals (1e-7, "0.1234567") is
 * refused rather than rounded or truncated: a rate must never turn into 0 on its way in.
 */
export function toMillionths(value: number | string): bigint {
  if (typeof value === 'number' && !hasAtMostDecimals(value, RATE_DECIMAL_PLACES)) {
    throw new DecimalNumberError(`${value} has more than ${RATE_DECIMAL_PLACES} decimal places`);
  }
  const text = typeof value === 'number' ? value.toFixed(RATE_DECIMAL_PLACES) : value;
  const match = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) throw new DecimalNumberError(`not a decimal number with at most ${RATE_DECIMAL_PLACES} decimal places: ${text}`);
  const units = BigInt(match[2]) * MILLIONTHS_PER_UNIT + BigInt((match[3] ?? '').padEnd(RATE_DECIMAL_PLACES, '0'));
  return match[1] ? -units : units;
}

export function fromMillionths(value: bigint): number {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / MILLIONTHS_PER_UNIT}.${(abs % MILLIONTHS_PER_UNIT).toString().padStart(6, '0')}`;
  return Number(negative ? `-${text}` : text);
}

/** A rate as the numeric(20,6) text the database stores (the value has passed IsDecimalNumber). */
export function rateText(value: number): string {
  return value.toFixed(RATE_DECIMAL_PLACES);
}
