import { CopyValue } from './copy';
import {
  CATEGORIES,
  INCOME_BANDS,
  ORG_TYPES,
  Offer,
  PRICING,
  Provider,
  SeedContext,
  WORDS_A,
  WORDS_B,
  WORDS_C,
  pdusByRegion,
  stage,
} from './seed-model';

/** Providers across every income band and type, verified, each in a few regions. */
export async function seedOrganisations(ctx: SeedContext): Promise<Provider[]> {
  const { client, rnd, options, counts, regions } = ctx;
  // ---- organisations ----
  const providers: { id: string; regions: string[]; identifier: string }[] = [];
  const orgRows: CopyValue[][] = [];
  for (let i = 0; i < options.scale.providers; i++) {
    const id = rnd.uuid();
    const type = rnd.weighted(ORG_TYPES);
    const isCompany = type === 'COMMUNITY_INTEREST_COMPANY' || type === 'PRIVATE_COMPANY' || type === 'SOCIAL_ENTERPRISE';
    // Charity numbers from 9,500,000 and company numbers from 97,000,000: beyond any number issued.
    const identifier = isCompany ? `GB-COH-${97_000_000 + i}` : `GB-CHC-${9_500_000 + i}`;
    const ownRegions = rnd.sample(
      regions,
      rnd.weighted([
        [1, 60],
        [2, 30],
        [3, 10],
      ] as const),
    );
    providers.push({ id, regions: ownRegions, identifier });
    const name = `${rnd.pick(WORDS_A)}${rnd.pick(WORDS_B)} ${rnd.pick(WORDS_C)} ${i + 1} (synthetic)`;
    orgRows.push([
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
    ]);
  }
  counts.organisations = await stage(
    client,
    'organisations',
    'organisation',
    [
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
    ],
    orgRows,
  );

  return providers;
}

/** Offers with their versions (published, some drafts and withdrawn), priced by the provider's pricing unit. */
export async function seedOffers(ctx: SeedContext, providers: Provider[]): Promise<Offer[]> {
  const { client, rnd, options, counts, measuresByCategory } = ctx;
  // ---- offers and their versions ----
  const offers: Offer[] = [];
  const offerRows: CopyValue[][] = [];
  const versionRows: CopyValue[][] = [];
  for (let i = 0; i < options.scale.offers; i++) {
    const provider = rnd.pick(providers);
    const category = rnd.pick(CATEGORIES);
    const offerRegions = rnd.sample(provider.regions, rnd.int(1, provider.regions.length));
    const pduCodes = offerRegions.flatMap((r) => pdusByRegion.get(r)!);
    const pricingUnit = rnd.weighted(PRICING);
    const price = BigInt(
      pricingUnit === 'FIXED_BLOCK'
        ? rnd.int(20_000, 120_000) * 100
        : pricingUnit === 'PER_SESSION'
          ? rnd.int(40, 200) * 100
          : rnd.int(150, 3_000) * 100,
    );
    const candidates = measuresByCategory.get(category)!;
    const commitments = rnd.sample(candidates, rnd.int(1, 3)).map((m) => ({
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
    const offer: Offer = {
      id: rnd.uuid(),
      providerId: provider.id,
      version: status === 'DRAFT' ? 1 : versions,
      category,
      regionCodes: offerRegions,
      pduCodes,
      pricingUnit,
      unitPrice: price,
      capacity,
      commitments,
      status,
    };
    offers.push(offer);
    const title = `${category.toLowerCase().replace(/_/g, ' ')} service ${i + 1}`;
    const summary = `Synthetic ${category.toLowerCase().replace(/_/g, ' ')} support for people on probation in ${offerRegions.join(', ')}; offer ${i + 1}.`;
    const fullCost = (price * BigInt(rnd.int(80, 140))) / 100n;
    const content = (version: number): CopyValue[] => [
      offer.providerId,
      version,
      title,
      summary,
      category,
      offerRegions,
      pduCodes,
      ['IN_PERSON', 'ONE_TO_ONE'],
      18,
      null,
      ['FEMALE', 'MALE'],
      ['LOW', 'MEDIUM', 'HIGH'],
      category === 'WOMENS_SERVICES' ? ['WOMEN'] : [],
      capacity,
      pricingUnit,
      price + BigInt(version - 1) * 500n,
      fullCost,
      { json: commitments },
    ];
    offerRows.push([
      offer.id,
      status,
      ...content(offer.version),
      '2022-01-01T00:00:00Z',
      status === 'DRAFT' ? null : '2022-02-01T00:00:00Z',
      status === 'WITHDRAWN' ? '2026-06-01T00:00:00Z' : null,
    ]);
    for (let v = 1; v <= offer.version; v++) versionRows.push([offer.id, ...content(v), 'seed']);
    offer.unitPrice = price + BigInt(offer.version - 1) * 500n;
  }
  const contentColumns = [
    'provider_id',
    'version',
    'title',
    'summary',
    'category',
    'region_codes',
    'pdu_codes',
    'delivery_modes',
    'min_age',
    'max_age',
    'sexes',
    'risk_levels',
    'specialisms',
    'capacity_per_month',
    'pricing_unit',
    'unit_price_pence',
    'declared_full_cost_pence',
    'outcome_commitments',
  ];
  counts.offers = await stage(
    client,
    'offers',
    'service_offer',
    ['id', 'status', ...contentColumns, 'created_at', 'published_at', 'withdrawn_at'],
    offerRows,
  );
  counts.offerVersions = await stage(client, 'offer versions', 'service_offer_version', ['offer_id', ...contentColumns, 'created_by'], versionRows);

  return offers;
}
