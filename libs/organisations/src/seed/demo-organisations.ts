import { SYSTEM_PRINCIPAL } from '@mkt/auth';
import { IncomeBand, OrganisationType } from '../organisation.enums';
import { OrganisationsService } from '../services/organisations.service';

/**
 * The demo's clearly fictional organisations: every name ends "(demo)", and registration numbers
 * are from ranges no register has reached. Registered (and most verified) through the service,
 * as real organisations are.
 */
export interface DemoOrganisation {
  identifier: string;
  legalName: string;
  organisationType: OrganisationType;
  incomeBand: IncomeBand;
  regionCodes: string[];
  verified: boolean;
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    identifier: 'GB-CHC-9990001',
    legalName: 'Northway Housing Trust (demo)',
    organisationType: OrganisationType.REGISTERED_CHARITY,
    incomeBand: IncomeBand.FROM_100K_TO_1M,
    regionCodes: ['north-west', 'greater-manchester'],
    verified: true,
  },
  {
    identifier: 'GB-COH-99000001',
    legalName: 'Brightstep Employment CIC (demo)',
    organisationType: OrganisationType.COMMUNITY_INTEREST_COMPANY,
    incomeBand: IncomeBand.UNDER_100K,
    regionCodes: ['london'],
    verified: true,
  },
  {
    identifier: 'GB-CHC-9990002',
    legalName: "Harbour Women's Centre (demo)",
    organisationType: OrganisationType.CHARITABLE_INCORPORATED_ORGANISATION,
    incomeBand: IncomeBand.FROM_100K_TO_1M,
    regionCodes: ['wales', 'south-west'],
    verified: true,
  },
  {
    identifier: 'GB-SC-SC999001',
    legalName: 'Recovery Roots (demo)',
    organisationType: OrganisationType.REGISTERED_CHARITY,
    incomeBand: IncomeBand.UNDER_100K,
    regionCodes: ['north-east', 'yorkshire-and-the-humber'],
    verified: true,
  },
  {
    identifier: 'GB-MPR-IP99001R',
    legalName: 'Family Links Mutual (demo)',
    organisationType: OrganisationType.MUTUAL,
    incomeBand: IncomeBand.FROM_1M_TO_10M,
    regionCodes: ['west-midlands'],
    verified: false,
  },
];

/** Registers one demo organisation, and verifies it when the demo says so. */
export async function demoOrganisation(organisations: OrganisationsService, spec: DemoOrganisation): Promise<void> {
  const org = await organisations.register(SYSTEM_PRINCIPAL, {
    identifier: spec.identifier,
    legalName: spec.legalName,
    organisationType: spec.organisationType,
    incomeBand: spec.incomeBand,
    regionCodes: spec.regionCodes,
    contactEmail: `bids@${spec.identifier.toLowerCase()}.example.org`,
  });
  if (spec.verified) await organisations.verify(SYSTEM_PRINCIPAL, org.id);
}
