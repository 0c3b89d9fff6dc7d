import { divideRounded, Pence } from '@mkt/common';

/** part / whole to four decimal places (0.3512), rounded once; null when the whole is zero. */
export function share(part: Pence, whole: Pence): number | null {
  if (whole === 0n) return null;
  return Number(divideRounded(part * 10_000n, whole)) / 10_000;
}

/** Sum of a numeric column as text (PostgreSQL `numeric`) to pence. */
export function pence(text: string | null | undefined): Pence {
  return text === null || text === undefined ? 0n : BigInt(text);
}

/** A non-negative decimal string ("1.500000") as an integer scaled by 10^scale, exactly. */
export function scaledDecimal(text: string, scale: number): bigint {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`not a decimal: ${text}`);
  const fraction = (match[3] ?? '').padEnd(scale, '0');
  // Digits beyond the scale are dropped: the numbers here are stored with six decimals.
  const value = BigInt(match[2]) * 10n ** BigInt(scale) + BigInt(fraction.slice(0, scale) || '0');
  return match[1] ? -value : value;
}
