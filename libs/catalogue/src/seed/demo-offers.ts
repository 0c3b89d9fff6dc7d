import { Principal, Role } from '@mkt/auth';
import { ServiceCategory } from '@mkt/reference';
import { DeliveryMode, PricingUnit, Sex, Specialism } from '../catalogue.enums';
import { CreateServiceOfferInput } from '../dtos/service-offer.inputs';
import { ServiceOffersService } from '../services/service-offers.service';

/** The demo organisations' published offers, by organisation identifier, so that the README's first query returns something. */
const DEMO_OFFERS: Readonly<Record<string, CreateServiceOfferInput[]>> = {
  'GB-CHC-9990001': [
    {
      title: 'Move-on accommodation support after release',
      summary: 'Caseworkers find and secure settled accommodation for people leaving prison, and support tenancies for the first three months.',
      category: ServiceCategory.ACCOMMODATION,
      regionCodes: ['north-west'],
      pricingUnit: PricingUnit.PER_REFERRAL,
      unitPrice: '850.00',
      declaredFullCostPerUnit: '1020.00',
      capacityPerMonth: 25,
      outcomeCommitments: [
        { measureCode: 'ACC-03', expectedRate: 0.55 },
        { measureCode: 'ACC-06', expectedRate: 0.7 },
      ],
    },
    {
      title: 'Tenancy sustainment for people at risk of eviction',
      summary: 'Early help for people on probation whose tenancy is at risk: arrears plans, landlord mediation and benefit checks.',
      category: ServiceCategory.ACCOMMODATION,
      regionCodes: ['greater-manchester'],
      pricingUnit: PricingUnit.PER_SESSION,
      unitPrice: '95.00',
      declaredFullCostPerUnit: '95.00',
      capacityPerMonth: 120,
      outcomeCommitments: [{ measureCode: 'ACC-08', expectedRate: 0.65 }],
    },
  ],
  'GB-COH-99000001': [
    {
      title: 'Employment coaching and job brokerage',
      summary: 'One-to-one coaching, CV and disclosure support, and introductions to local employers who recruit people with convictions.',
      category: ServiceCategory.EDUCATION_TRAINING_AND_EMPLOYMENT,
      regionCodes: ['london'],
      pricingUnit: PricingUnit.PER_REFERRAL,
      unitPrice: '640.00',
      declaredFullCostPerUnit: '780.00',
      capacityPerMonth: 30,
      specialisms: [Specialism.YOUNG_ADULTS_18_25],
      outcomeCommitments: [
        { measureCode: 'ETE-01', expectedRate: 0.4 },
        { measureCode: 'ETE-03', expectedRate: 0.75 },
      ],
    },
  ],
  'GB-CHC-9990002': [
    {
      title: "Women's centre key work and group programme",
      summary: 'A women-only space offering key work, peer groups and help with housing, debt and wellbeing, delivered with local partners.',
      category: ServiceCategory.WOMENS_SERVICES,
      regionCodes: ['wales', 'south-west'],
      pricingUnit: PricingUnit.FIXED_BLOCK,
      unitPrice: '48000.00',
      declaredFullCostPerUnit: '61000.00',
      capacityPerMonth: 40,
      deliveryModes: [DeliveryMode.IN_PERSON, DeliveryMode.GROUP, DeliveryMode.ONE_TO_ONE],
      specialisms: [Specialism.WOMEN, Specialism.SURVIVORS_OF_DOMESTIC_ABUSE],
      eligibility: { sexes: [Sex.FEMALE] },
      outcomeCommitments: [
        { measureCode: 'EWB-02', expectedRate: 0.6 },
        { measureCode: 'FAM-01', expectedRate: 0.5 },
      ],
    },
  ],
  'GB-SC-SC999001': [
    {
      title: 'Peer-led recovery support groups',
      summary: 'Weekly peer-led groups and mentoring for people in recovery from drugs and alcohol, with links into treatment services.',
      category: ServiceCategory.DEPENDENCY_AND_RECOVERY,
      regionCodes: ['north-east', 'yorkshire-and-the-humber'],
      pricingUnit: PricingUnit.PER_PLACE_PER_WEEK,
      unitPrice: '42.50',
      declaredFullCostPerUnit: '55.00',
      capacityPerMonth: 60,
      deliveryModes: [DeliveryMode.GROUP, DeliveryMode.IN_PERSON],
      outcomeCommitments: [{ measureCode: 'DNR-01', expectedRate: 0.35 }],
    },
  ],
};

/** The demo's provider user of an organisation: offers are created and published as the provider would. */
export function demoProvider(organisationIdentifier: string): Principal {
  return { sub: 'demo-data', roles: [Role.PROVIDER], org: organisationIdentifier, regions: [] };
}

/** Creates and publishes the demo offers of one organisation; returns how many. */
export async function demoOffersOf(offers: ServiceOffersService, organisationIdentifier: string): Promise<number> {
  const provider = demoProvider(organisationIdentifier);
  const specs = DEMO_OFFERS[organisationIdentifier] ?? [];
  for (const spec of specs) {
    const offer = await offers.create(provider, spec);
    await offers.publish(provider, offer.id);
  }
  return specs.length;
}
