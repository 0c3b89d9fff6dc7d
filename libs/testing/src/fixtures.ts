import { Principal } from '@mkt/auth';
import { PricingUnit, ServiceOffersService, ServiceOfferView } from '@mkt/catalogue';
import { IncomeBand, OrganisationsService, OrganisationType, OrganisationView } from '@mkt/organisations';
import { ServiceCategory } from '@mkt/reference';
import { principals } from './principals';

/** Input types as the services take them (the libs export their services, not their input classes). */
export type CreateServiceOfferInput = Parameters<ServiceOffersService['create']>[1];

/** Test data built through the services themselves (as harness/factories.ts does through GraphQL). */
let sequence = 0;

export function nextCharityIdentifier(): string {
  sequence += 1;
  return `GB-CHC-${(9_600_000 + ((process.pid * 1000 + sequence) % 190_000)).toString()}`;
}

export interface ProviderFixture {
  organisation: OrganisationView;
  /** A bid manager of the organisation. */
  actor: Principal;
}

/** A registered (and, unless told otherwise, verified) charity covering `regionCodes`. */
export async function registerProvider(
  organisations: OrganisationsService,
  options: { verified?: boolean; regionCodes?: string[]; incomeBand?: IncomeBand } = {},
): Promise<ProviderFixture> {
  const admin = principals.admin();
  const identifier = nextCharityIdentifier();
  let organisation = await organisations.register(admin, {
    identifier,
    legalName: `Test Charity ${identifier} (synthetic)`,
    organisationType: OrganisationType.REGISTERED_CHARITY,
    incomeBand: options.incomeBand ?? IncomeBand.FROM_100K_TO_1M,
    regionCodes: options.regionCodes ?? ['north-west'],
    contactEmail: 'bids@example.org',
  });
  if (options.verified !== false) organisation = await organisations.verify(admin, organisation.id);
  return { organisation, actor: principals.provider(identifier) };
}

export function offerInput(overrides: Partial<CreateServiceOfferInput> = {}): CreateServiceOfferInput {
  return {
    title: 'Accommodation support after release',
    summary: 'Caseworkers help people leaving prison find and keep settled accommodation.',
    category: ServiceCategory.ACCOMMODATION,
    regionCodes: ['north-west'],
    capacityPerMonth: 20,
    pricingUnit: PricingUnit.PER_REFERRAL,
    unitPrice: '850.00',
    declaredFullCostPerUnit: '1000.00',
    outcomeCommitments: [{ measureCode: 'ACC-03', expectedRate: 0.5 }],
    ...overrides,
  };
}

export async function publishedOffer(
  offers: ServiceOffersService,
  provider: ProviderFixture,
  overrides: Partial<CreateServiceOfferInput> = {},
): Promise<ServiceOfferView> {
  const draft = await offers.create(provider.actor, offerInput(overrides));
  return offers.publish(provider.actor, draft.id);
}
