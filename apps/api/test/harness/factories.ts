import { Role } from '@mkt/auth';
import { expectOk, TestApp } from './test-app';

/** Small builders for test data, each going through the public GraphQL API. */
let sequence = 0;

export function nextCharityIdentifier(): string {
  sequence += 1;
  return `GB-CHC-${(9_800_000 + ((process.pid * 1000 + sequence) % 190_000)).toString()}`;
}

export const ORGANISATION_FIELDS = `id identifier legalName charityNumber companyNumber organisationType incomeBand regionCodes verified`;

export const OFFER_FIELDS = `
  id version status title summary category regionCodes pduCodes deliveryModes specialisms capacityPerMonth pricingUnit
  eligibility { minAge maxAge sexes riskLevels }
  unitPrice { amount currency } declaredFullCostPerUnit { amount currency } fundingGapPerUnit { amount }
  outcomeCommitments { measureCode measureName unit direction expectedRate }
`;

export interface ProviderHandle {
  id: string;
  identifier: string;
  token: string;
}

export async function registerProvider(
  app: TestApp,
  options: { verified?: boolean; identifier?: string; incomeBand?: string; legalName?: string; regionCodes?: string[] } = {},
): Promise<ProviderHandle> {
  const admin = await app.token({ roles: [Role.ADMIN], sub: 'admin-factory' });
  const identifier = options.identifier ?? nextCharityIdentifier();
  const result = await app.gql(
    `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id identifier } }`,
    {
      input: {
        identifier,
        legalName: options.legalName ?? `Test Charity ${identifier} (synthetic)`,
        organisationType: 'REGISTERED_CHARITY',
        incomeBand: options.incomeBand ?? 'FROM_100K_TO_1M',
        regionCodes: options.regionCodes ?? ['north-west'],
        contactEmail: 'bids@example.org',
      },
    },
    admin,
  );
  const org = expectOk(result).registerOrganisation as { id: string; identifier: string };
  if (options.verified !== false) {
    expectOk(await app.gql(`mutation ($id: ID!) { verifyOrganisation(id: $id) { id } }`, { id: org.id }, admin));
  }
  const token = await app.token({ roles: [Role.PROVIDER], org: identifier, sub: `bid-manager-${identifier}` });
  return { id: org.id, identifier, token };
}

export function offerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Accommodation support after release',
    summary: 'Caseworkers help people leaving prison find and keep settled accommodation.',
    category: 'ACCOMMODATION',
    regionCodes: ['north-west'],
    capacityPerMonth: 20,
    pricingUnit: 'PER_REFERRAL',
    unitPrice: '850.00',
    declaredFullCostPerUnit: '1000.00',
    outcomeCommitments: [{ measureCode: 'ACC-03', expectedRate: 0.5 }],
    ...overrides,
  };
}

export async function createOffer(app: TestApp, provider: ProviderHandle, overrides: Record<string, unknown> = {}) {
  const result = await app.gql(
    `mutation ($input: CreateServiceOfferInput!) { createServiceOffer(input: $input) { ${OFFER_FIELDS} } }`,
    { input: offerInput(overrides) },
    provider.token,
  );
  return expectOk(result).createServiceOffer as { id: string; version: number; status: string; [key: string]: unknown };
}

export async function createPublishedOffer(app: TestApp, provider: ProviderHandle, overrides: Record<string, unknown> = {}) {
  const offer = await createOffer(app, provider, overrides);
  const result = await app.gql(`mutation ($id: ID!) { publishServiceOffer(id: $id) { ${OFFER_FIELDS} } }`, { id: offer.id }, provider.token);
  return expectOk(result).publishServiceOffer as { id: string; version: number; status: string; [key: string]: unknown };
}
