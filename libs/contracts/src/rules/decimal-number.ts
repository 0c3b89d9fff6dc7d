/**
 * Outcome targets, baselines and actuals are ordinary numbers (rates, counts) but outcome payments
 * are money, so the arithmetic between them is exact: each number is held as an integer count of
 * millionths (6 decimal places, as in the numeric(20,6) columns).
 */
export const SCALE = 1_000_000n;

export function toMillionths(value: number | string): bigint {
  const text = typeof value === 'number' ? value.toFixed(6) : value;
  const match = /^(-)?(\d+)(?:\.(\d{1,6})\d*)?$/.exec(text.trim());
  if (!match) throw new Error(`not a decimal number: ${text}`);
  const units = BigInt(match[2]) * SCALE + BigInt((match[3] ?? '').padEnd(6, '0'));
  return match[1] ? -units : units;
}

export function fromMillionths(value: bigint): number {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / SCALE}.${(abs % SCALE).toString().padStart(6, '0')}`;
  return Number(negative ? `-${text}` : text);
}
