import { registerEnumType } from '@nestjs/graphql';

export enum OrganisationType {
  REGISTERED_CHARITY = 'REGISTERED_CHARITY',
  CHARITABLE_INCORPORATED_ORGANISATION = 'CHARITABLE_INCORPORATED_ORGANISATION',
  COMMUNITY_INTEREST_COMPANY = 'COMMUNITY_INTEREST_COMPANY',
  SOCIAL_ENTERPRISE = 'SOCIAL_ENTERPRISE',
  MUTUAL = 'MUTUAL',
  PRIVATE_COMPANY = 'PRIVATE_COMPANY',
  PUBLIC_BODY = 'PUBLIC_BODY',
}

/** Annual income bands, as used by the 2018 Clinks/NCVO/TSRC research. */
export enum IncomeBand {
  UNDER_100K = 'UNDER_100K',
  FROM_100K_TO_1M = 'FROM_100K_TO_1M',
  FROM_1M_TO_10M = 'FROM_1M_TO_10M',
  OVER_10M = 'OVER_10M',
}

registerEnumType(OrganisationType, { name: 'OrganisationType' });
registerEnumType(IncomeBand, {
  name: 'IncomeBand',
  valuesMap: {
    UNDER_100K: { description: 'Annual income under GBP 100,000' },
    FROM_100K_TO_1M: { description: 'GBP 100,000 to 1 million' },
    FROM_1M_TO_10M: { description: 'GBP 1 million to 10 million' },
    OVER_10M: { description: 'Over GBP 10 million' },
  },
});
