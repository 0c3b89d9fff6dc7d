import pg from 'pg';
import { PDUS_2026, REGIONS_2026 } from '@mkt/reference';
import { copyRows, CopyValue } from './copy';
import { Progress } from './progress';
import { Random } from './random';

/** What every stage of the synthetic data shares: reference lists, row shapes and small helpers. */

export interface Scale {
  providers: number;
  offers: number;
  orders: number;
}

export const SCALES: Record<string, Scale> = {
  small: { providers: 60, offers: 600, orders: 6_000 },
  medium: { providers: 300, offers: 3_000, orders: 30_000 },
  large: { providers: 1_000, offers: 10_000, orders: 120_000 },
};

export const FINANCIAL_YEARS = ['2022-23', '2023-24', '2024-25', '2025-26', '2026-27'];

export interface SeedOptions {
  scale: Scale;
  seed: number;
  today: string;
}

export const INCOME_BANDS = [
  ['UNDER_100K', 35],
  ['FROM_100K_TO_1M', 35],
  ['FROM_1M_TO_10M', 20],
  ['OVER_10M', 10],
] as const;
export const ORG_TYPES = [
  ['REGISTERED_CHARITY', 40],
  ['CHARITABLE_INCORPORATED_ORGANISATION', 20],
  ['COMMUNITY_INTEREST_COMPANY', 15],
  ['SOCIAL_ENTERPRISE', 10],
  ['MUTUAL', 5],
  ['PRIVATE_COMPANY', 7],
  ['PUBLIC_BODY', 3],
] as const;
export const CATEGORIES = [
  'ACCOMMODATION',
  'EDUCATION_TRAINING_AND_EMPLOYMENT',
  'FINANCE_BENEFIT_AND_DEBT',
  'DEPENDENCY_AND_RECOVERY',
  'WOMENS_SERVICES',
  'PERSONAL_WELLBEING',
  'FAMILY_AND_SIGNIFICANT_OTHERS',
  'EMOTIONAL_WELLBEING',
];
export const PRICING = [
  ['PER_REFERRAL', 50],
  ['PER_SESSION', 25],
  ['PER_PLACE_PER_WEEK', 20],
  ['FIXED_BLOCK', 5],
] as const;
export const WORDS_A = [
  'North',
  'South',
  'East',
  'West',
  'Bridge',
  'Harbour',
  'Meadow',
  'River',
  'Hill',
  'Oak',
  'Ash',
  'Stone',
  'Brook',
  'Field',
  'Vale',
  'Moor',
  'Haven',
  'Lark',
  'Beacon',
  'Willow',
];
export const WORDS_B = ['way', 'gate', 'side', 'field', 'bank', 'wood', 'ford', 'stead', 'holm', 'lea'];
export const WORDS_C = [
  'Trust',
  'Foundation',
  'Project',
  'Partnership',
  'Community Services',
  'Network',
  'Centre',
  'Collective',
  'Mutual',
  'Alliance',
];

export interface Offer {
  id: string;
  providerId: string;
  version: number;
  category: string;
  regionCodes: string[];
  pduCodes: string[];
  pricingUnit: string;
  unitPrice: bigint;
  capacity: number;
  commitments: { measureCode: string; measureName: string; unit: string; direction: string; expectedRate: number }[];
  status: string;
}

export interface Measure {
  code: string;
  name: string;
  unit: string;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  categories: string[];
}

export interface Provider {
  id: string;
  regions: string[];
  identifier: string;
}

export interface Order {
  row: CopyValue[];
  id: string;
  offer: Offer;
  status: string;
  start: string;
  end: string;
  total: bigint;
  region: string;
  pdu: string;
  fy: string;
  budgetId: string;
  share: number;
  period: 'MONTHLY' | 'QUARTERLY';
  targets: { measureCode: string; measureName: string; unit: string; direction: string; baseline: number; target: number; weight: number }[];
}

/** The run's state every stage reads: the database, the seeded random source, the options and the counts it reports. */
export interface SeedContext {
  client: pg.ClientBase;
  rnd: Random;
  options: SeedOptions;
  counts: Record<string, number>;
  measuresByCategory: Map<string, Measure[]>;
  regions: string[];
}

export const pdusByRegion = new Map<string, string[]>(REGIONS_2026.map(([code]) => [code, PDUS_2026.filter((p) => p[1] === code).map((p) => p[0])]));

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function fyStart(fy: string): number {
  return Date.parse(`${fy.slice(0, 4)}-04-01T00:00:00Z`);
}

export function splitWeights(count: number): number[] {
  const share = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? 100 - share * (count - 1) : share));
}

export async function stage(client: pg.ClientBase, label: string, table: string, columns: string[], rows: CopyValue[][]): Promise<number> {
  const progress = Progress.stage(label, rows.length);
  const n = await copyRows(client, table, columns, rows, (k) => progress.add(k));
  progress.finish();
  return n;
}
