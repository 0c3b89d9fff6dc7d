import { copyStage, CopyValue, SeedRun } from '@mkt/database';
import { SeedProvider } from '@mkt/organisations';
import { SEED_PDUS_BY_REGION, SeedMeasure, ServiceCategory } from '@mkt/reference';
import { CONTENT_COLUMN_NAMES, OfferContentValues } from '../services/offer.row';

/** A synthetic offer as the later stages (orders, contracts) need it: its current version's terms. */
export interface SeedOffer {
  id: string;
  providerId: string;
  version: number;
  category: ServiceCategory;
  regionCodes: string[];
  pduCodes: string[];
  pricingUnit: string;
  unitPrice: bigint;
  capacity: number;
  commitments: { measureCode: string; measureName: string; unit: string; direction: string; expectedRate: number }[];
  status: string;
}

const PRICING = [
  ['PER_REFERRAL', 50],
  ['PER_SESSION', 25],
  ['PER_PLACE_PER_WEEK', 20],
  ['FIXED_BLOCK', 5],
] as const;
const CATEGORIES = Object.values(ServiceCategory);

/** What one offer's versions share, drawn once: each version differs only in its price. */
interface OfferDraw {
  offer: SeedOffer;
  title: string;
  summary: string;
  basePrice: bigint;
  fullCost: bigint;
}

/** The version's content, column by column as the service writes it; the price rises £5 a version. */
function contentRow(draw: OfferDraw, version: number): CopyValue[] {
  const { offer } = draw;
  const content: OfferContentValues = {
    provider_id: offer.providerId,
    version,
    title: draw.title,
    summary: draw.summary,
    category: offer.category,
    region_codes: offer.regionCodes,
    pdu_codes: offer.pduCodes,
    delivery_modes: ['IN_PERSON', 'ONE_TO_ONE'],
    min_age: 18,
    max_age: null,
    sexes: ['FEMALE', 'MALE'],
    risk_levels: ['LOW', 'MEDIUM', 'HIGH'],
    specialisms: offer.category === ServiceCategory.WOMENS_SERVICES ? ['WOMEN'] : [],
    capacity_per_month: offer.capacity,
    pricing_unit: offer.pricingUnit,
    unit_price_pence: draw.basePrice + BigInt(version - 1) * 500n,
    declared_full_cost_pence: draw.fullCost,
    outcome_commitments: { json: offer.commitments },
  };
  return CONTENT_COLUMN_NAMES.map((column) => content[column] as CopyValue);
}

function drawPrice(run: SeedRun, pricingUnit: string): bigint {
  const { rnd } = run;
  if (pricingUnit === 'FIXED_BLOCK') return BigInt(rnd.int(20_000, 120_000) * 100);
  if (pricingUnit === 'PER_SESSION') return BigInt(rnd.int(40, 200) * 100);
  return BigInt(rnd.int(150, 3_000) * 100);
}

/** One offer's terms; the draws are in a fixed order so that the same seed gives the same offer. */
function drawOffer(run: SeedRun, i: number, providers: SeedProvider[], measuresByCategory: Map<ServiceCategory, SeedMeasure[]>): OfferDraw {
  const { rnd } = run;
  const provider = rnd.pick(providers);
  const category = rnd.pick(CATEGORIES);
  const regionCodes = rnd.sample(provider.regions, rnd.int(1, provider.regions.length));
  const pduCodes = regionCodes.flatMap((r) => SEED_PDUS_BY_REGION.get(r)!);
  const pricingUnit = rnd.weighted(PRICING);
  const basePrice = drawPrice(run, pricingUnit);
  const commitments = rnd.sample(measuresByCategory.get(category)!, rnd.int(1, 3)).map((m) => ({
    measureCode: m.code,
    measureName: m.name,
    unit: m.unit,
    direction: m.direction,
    expectedRate: rnd.int(30, 85) / 100,
  }));
  const versions = rnd.weighted([
    [1, 60],
    [2, 30],
    [3, 10],
  ] as const);
  const status = rnd.weighted([
    ['PUBLISHED', 88],
    ['WITHDRAWN', 7],
    ['DRAFT', 5],
  ] as const);
  const capacity = rnd.int(20, 400);
  const version = status === 'DRAFT' ? 1 : versions;
  const offer: SeedOffer = {
    id: rnd.uuid(),
    providerId: provider.id,
    version,
    category,
    regionCodes,
    pduCodes,
    pricingUnit,
    unitPrice: basePrice + BigInt(version - 1) * 500n,
    capacity,
    commitments,
    status,
  };
  const words = category.toLowerCase().replace(/_/g, ' ');
  const title = `${words} service ${i + 1}`;
  const summary = `Synthetic ${words} support for people on probation in ${regionCodes.join(', ')}; offer ${i + 1}.`;
  return { offer, title, summary, basePrice, fullCost: (basePrice * BigInt(rnd.int(80, 140))) / 100n };
}

function offerRow(draw: OfferDraw): CopyValue[] {
  const { offer } = draw;
  return [
    offer.id,
    offer.status,
    ...contentRow(draw, offer.version),
    '2022-01-01T00:00:00Z',
    offer.status === 'DRAFT' ? null : '2022-02-01T00:00:00Z',
    offer.status === 'WITHDRAWN' ? '2026-06-01T00:00:00Z' : null,
  ];
}

/** Writes `count` offers with their versions (published, some drafts and withdrawn), priced by pricing unit. */
export async function seedOffers(
  run: SeedRun,
  count: number,
  providers: SeedProvider[],
  measuresByCategory: Map<ServiceCategory, SeedMeasure[]>,
): Promise<SeedOffer[]> {
  const draws = Array.from({ length: count }, (_, i) => drawOffer(run, i, providers, measuresByCategory));
  const offerRows = draws.map(offerRow);
  const versionRows = draws.flatMap((draw) =>
    Array.from({ length: draw.offer.version }, (_, v) => [draw.offer.id, ...contentRow(draw, v + 1), 'seed']),
  );
  const { client, counts } = run;
  counts.offers = await copyStage(
    client,
    'offers',
    'service_offer',
    ['id', 'status', ...CONTENT_COLUMN_NAMES, 'created_at', 'published_at', 'withdrawn_at'],
    offerRows,
  );
  counts.offerVersions = await copyStage(
    client,
    'offer versions',
    'service_offer_version',
    ['offer_id', ...CONTENT_COLUMN_NAMES, 'created_by'],
    versionRows,
  );
  return draws.map((draw) => draw.offer);
}
