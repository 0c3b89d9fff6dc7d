import { Random } from '@mkt/common';
import { copyStage, CopyValue, SeedRun } from '@mkt/database';

/**
 * Synthetic providers across every income band and type, verified, each in a few regions. Every
 * name ends "(synthetic)"; charity numbers from 9,500,000 and company numbers from 97,000,000 are
 * beyond any number issued.
 */
export interface SeedProvider {
  id: string;
  regions: string[];
  identifier: string;
}

const INCOME_BANDS = [
  ['UNDER_100K', 35],
  ['FROM_100K_TO_1M', 35],
  ['FROM_1M_TO_10M', 20],
  ['OVER_10M', 10],
] as const;
const ORG_TYPES = [
  ['REGISTERED_CHARITY', 40],
  ['CHARITABLE_INCORPORATED_ORGANISATION', 20],
  ['COMMUNITY_INTEREST_COMPANY', 15],
  ['SOCIAL_ENTERPRISE', 10],
  ['MUTUAL', 5],
  ['PRIVATE_COMPANY', 7],
  ['PUBLIC_BODY', 3],
] as const;
const PLACE_STEMS = [
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
const PLACE_ENDINGS = ['way', 'gate', 'side', 'field', 'bank', 'wood', 'ford', 'stead', 'holm', 'lea'];
const ORGANISATION_KINDS = [
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

const ORGANISATION_COLUMNS = [
  'id',
  'identifier',
  'scheme',
  'legal_name',
  'charity_number',
  'company_number',
  'organisation_type',
  'income_band',
  'region_codes',
  'contact_email',
  'verified',
  'verified_at',
  'verified_by',
];

/** A made-up place-like word for synthetic names ("Northway"); two draws. */
export function syntheticPlaceName(rnd: Random): string {
  return `${rnd.pick(PLACE_STEMS)}${rnd.pick(PLACE_ENDINGS)}`;
}

/** A made-up place stem for synthetic names ("North"); one draw. */
export function syntheticPlaceStem(rnd: Random): string {
  return rnd.pick(PLACE_STEMS);
}

function drawProvider(run: SeedRun, i: number, regions: string[]): { provider: SeedProvider; row: CopyValue[] } {
  const { rnd } = run;
  const id = rnd.uuid();
  const type = rnd.weighted(ORG_TYPES);
  const isCompany = type === 'COMMUNITY_INTEREST_COMPANY' || type === 'PRIVATE_COMPANY' || type === 'SOCIAL_ENTERPRISE';
  const identifier = isCompany ? `GB-COH-${97_000_000 + i}` : `GB-CHC-${9_500_000 + i}`;
  const regionCount = rnd.weighted([
    [1, 60],
    [2, 30],
    [3, 10],
  ] as const);
  const ownRegions = rnd.sample(regions, regionCount);
  const name = `${syntheticPlaceName(rnd)} ${rnd.pick(ORGANISATION_KINDS)} ${i + 1} (synthetic)`;
  const row: CopyValue[] = [
    id,
    identifier,
    isCompany ? 'GB-COH' : 'GB-CHC',
    name,
    isCompany ? null : String(9_500_000 + i),
    isCompany ? String(97_000_000 + i) : null,
    type,
    rnd.weighted(INCOME_BANDS),
    ownRegions,
    `bids@provider-${i + 1}.example.org`,
    true,
    '2022-01-01T00:00:00Z',
    'seed',
  ];
  return { provider: { id, regions: ownRegions, identifier }, row };
}

/** Writes `count` synthetic providers, each in one to three of `regions`. */
export async function seedOrganisations(run: SeedRun, count: number, regions: string[]): Promise<SeedProvider[]> {
  const providers: SeedProvider[] = [];
  const rows: CopyValue[][] = [];
  for (let i = 0; i < count; i++) {
    const { provider, row } = drawProvider(run, i, regions);
    providers.push(provider);
    rows.push(row);
  }
  run.counts.organisations = await copyStage(run.client, 'organisations', 'organisation', ORGANISATION_COLUMNS, rows);
  return providers;
}
