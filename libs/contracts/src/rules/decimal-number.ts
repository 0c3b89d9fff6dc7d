import { hasAtMostDecimals } from '@mkt/common';

/**
 * Outcome targets, baselines and actuals are ordinary numbers (rates, counts) but outcome payments
 * are money, so the arithmetic between them is exact: each number is held as an integer count of
 * millionths (6 decimal places, as in the numeric(20,6) columns).
 */
export const SCALE = 1_000_000n;
export const DECIMAL_PLACES = 6;

export class DecimalNumberError extends Error {}

/**
 * Exact millionths of a number or decimal text. More than six decimals (1e-7, "0.1234567") is
 * refused rather than rounded or truncated: a rate must never turn into 0 on its way in.
 */
export function toMillionths(value: number | string): bigint {
  if (typeof value === 'number' && !hasAtMostDecimals(value, DECIMAL_PLACES)) {
    throw new DecimalNumberError(`${value} has more than ${DECIMAL_PLACES} decimal places`);
  }
  const text = typeof value === 'number' ? value.toFixed(DECIMAL_PLACES) : value;
  const match = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) throw new DecimalNumberError(`not a decimal number with at most ${DECIMAL_PLACES} decimal places: ${text}`);
  const units = BigInt(match[2]) * SCALE + BigInt((match[3] ?? '').padEnd(DECIMAL_PLACES, '0'));
  return match[1] ? -units : units;
}

export function fromMillionths(value: bigint): number {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / SCALE}.${(abs % SCALE).toString().padStart(6, '0')}`;
  return Number(negative ? `-${text}` : text);
}
