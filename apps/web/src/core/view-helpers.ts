import type { Environment } from 'nunjucks';
import { REGIONS_2026, PDUS_2026 } from '@mkt/reference';
import { INCOME_BAND_LABELS } from './enums';

/** What one unit of each pricing unit is, for quantity questions. */
const PRICING_UNIT_NOUNS: Record<string, string> = {
  PER_REFERRAL: 'referrals',
  PER_SESSION: 'sessions',
  PER_PLACE_PER_WEEK: 'place-weeks',
  FIXED_BLOCK: 'places in the block (one price for the whole block)',
};

/** Filters and globals the templates use: money in pounds, dates, enum labels, region names. */
const REGION_NAMES = new Map(REGIONS_2026.map(([code, name]) => [code, name]));
const PDU_NAMES = new Map(PDUS_2026.map(([code, , name]) => [code, name]));

/** "1250.00" -> "£1,250.00" (string arithmetic: money is never a float). */
export function formatPounds(amount: string | { amount: string } | null | undefined): string {
  const value = typeof amount === 'object' && amount ? amount.amount : amount;
  if (!value) return '';
  const negative = value.startsWith('-');
  const [whole, pence = '00'] = value.replace('-', '').split('.');
  return `${negative ? '-' : ''}£${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${pence.padEnd(2, '0')}`;
}

/** SCREAMING_CASE enum value -> "Sentence case" label. */
export function enumLabel(value: string | null | undefined): string {
  if (!value) return '';
  const words = value
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/\bwomens\b/, "women's");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
}

export function regionOfPdu(code: string): string | undefined {
  return PDUS_2026.find(([pdu]) => pdu === code)?.[1];
}

export function regionName(code: string): string {
  return REGION_NAMES.get(code) ?? code;
}

export const regionOptions = REGIONS_2026.map(([value, text]) => ({ value, text }));

export function pduOptions(regionCodes: string[]): { value: string; text: string }[] {
  return PDUS_2026.filter(([, region]) => regionCodes.includes(region)).map(([value, , text]) => ({ value, text }));
}

/** Items for govukRadios, govukCheckboxes and govukSelect, with the chosen ones marked. */
export function enumOptions(values: readonly string[], selected: string | string[] = []) {
  const chosen = Array.isArray(selected) ? selected : [selected];
  return values.map((value) => ({ value, text: enumLabel(value), checked: chosen.includes(value), selected: chosen.includes(value) }));
}

export function registerViewHelpers(env: Environment): void {
  env.addFilter('pounds', formatPounds);
  env.addFilter('label', enumLabel);
  env.addFilter('units', (pricingUnit: string) => PRICING_UNIT_NOUNS[pricingUnit] ?? 'units');
  env.addFilter('incomeBand', (band: string) => INCOME_BAND_LABELS[band] ?? enumLabel(band));
  env.addFilter('date', formatDate);
  env.addFilter('region', regionName);
  env.addFilter('regions', (codes: string[]) => codes.map(regionName).join(', '));
  env.addFilter('pdu', (code: string) => PDU_NAMES.get(code) ?? code);
  env.addFilter('percent', (share: number | null | undefined) => (share == null ? 'none' : `${Math.round(share * 1000) / 10}%`));
  env.addGlobal('serviceName', 'NPS Commissioning Marketplace');
}
