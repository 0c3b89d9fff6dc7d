/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AuditEventsFilter = {
  actions?: Array<string> | null | undefined;
  actorSub?: string | null | undefined;
  entityId?: string | null | undefined;
  entityType?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
};

export type CreateServiceOfferInput = {
  capacityPerMonth: number;
  category: ServiceCategory;
  /** What one unit really costs to deliver, so under-funding shows. */
  declaredFullCostPerUnit: string;
  deliveryModes?: Array<DeliveryMode> | null | undefined;
  eligibility?: EligibilityInput | null | undefined;
  outcomeCommitments: Array<OutcomeCommitmentInput>;
  /** Omitted: every PDU of the chosen regions. */
  pduCodes?: Array<string> | null | undefined;
  pricingUnit: PricingUnit;
  /** Region codes covered, e.g. ["north-west"]. */
  regionCodes: Array<string>;
  specialisms?: Array<Specialism> | null | undefined;
  summary: string;
  title: string;
  /** Price per pricing unit (for FIXED_BLOCK, the block price). */
  unitPrice: string;
};

export type DeliveryMode = 'GROUP' | 'IN_PERSON' | 'ONE_TO_ONE' | 'REMOTE';

export type EligibilityInput = {
  maxAge?: number | null | undefined;
  minAge?: number | null | undefined;
  /** Omitted: all risk levels. */
  riskLevels?: Array<RiskLevel> | null | undefined;
  /** Omitted: open to all. */
  sexes?: Array<Sex> | null | undefined;
};

export type IncomeBand =
  /** GBP 1 million to 10 million */
  | 'FROM_1M_TO_10M'
  /** GBP 100,000 to 1 million */
  | 'FROM_100K_TO_1M'
  /** Over GBP 10 million */
  | 'OVER_10M'
  /** Annual income under GBP 100,000 */
  | 'UNDER_100K';

export type OfferStatus = 'DRAFT' | 'PUBLISHED' | 'WITHDRAWN';

export type OrganisationType =
  | 'CHARITABLE_INCORPORATED_ORGANISATION'
  | 'COMMUNITY_INTEREST_COMPANY'
  | 'MUTUAL'
  | 'PRIVATE_COMPANY'
  | 'PUBLIC_BODY'
  | 'REGISTERED_CHARITY'
  | 'SOCIAL_ENTERPRISE';

export type OutcomeCommitmentInput = {
  /** Expected share of referrals achieving it, 0 to 1. */
  expectedRate: number;
  /** Code of a measure in the outcome-measure library, e.g. "ACC-02". */
  measureCode: string;
};

export type PricingUnit =
  /** One price for the whole block, whatever the quantity. */
  'FIXED_BLOCK' | 'PER_PLACE_PER_WEEK' | 'PER_REFERRAL' | 'PER_SESSION';

export type RiskLevel = 'HIGH' | 'LOW' | 'MEDIUM';

export type ServiceCategory =
  | 'ACCOMMODATION'
  | 'DEPENDENCY_AND_RECOVERY'
  | 'EDUCATION_TRAINING_AND_EMPLOYMENT'
  | 'EMOTIONAL_WELLBEING'
  | 'FAMILY_AND_SIGNIFICANT_OTHERS'
  | 'FINANCE_BENEFIT_AND_DEBT'
  | 'PERSONAL_WELLBEING'
  | 'WOMENS_SERVICES';

export type ServiceOffersFilter = {
  categories?: Array<ServiceCategory> | null | undefined;
  maxUnitPrice?: string | null | undefined;
  minCapacity?: number | null | undefined;
  pduCodes?: Array<string> | null | undefined;
  /** Only this provider (Organisation id). */
  providerId?: string | number | null | undefined;
  /** The provider's annual income band. */
  providerIncomeBands?: Array<IncomeBand> | null | undefined;
  regionCodes?: Array<string> | null | undefined;
  /** Offers with any of these specialisms. */
  specialisms?: Array<Specialism> | null | undefined;
  /** Within what the caller may see (commissioners: PUBLISHED). */
  status?: OfferStatus | null | undefined;
  /** Full-text search over title and summary (web-search syntax). */
  text?: string | null | undefined;
};

export type Sex = 'FEMALE' | 'MALE';

export type Specialism =
  | 'CARE_EXPERIENCED_PEOPLE'
  | 'DISABLED_PEOPLE'
  | 'FAITH_COMMUNITIES'
  | 'FOREIGN_NATIONALS'
  | 'LGBT_PLUS_PEOPLE'
  | 'NEURODIVERGENT_PEOPLE'
  | 'OLDER_PEOPLE'
  | 'PEOPLE_WITH_LEARNING_DISABILITIES'
  | 'RACIALLY_MINORITISED_PEOPLE'
  | 'SURVIVORS_OF_DOMESTIC_ABUSE'
  | 'VETERANS'
  | 'WOMEN'
  | 'YOUNG_ADULTS_18_25';

/** Partial: fields left out are unchanged; null is refused for required fields. */
export type UpdateOrganisationInput = {
  charityNumber?: string | null | undefined;
  companyNumber?: string | null | undefined;
  contactEmail?: string | null | undefined;
  incomeBand?: IncomeBand | null | undefined;
  legalName?: string | null | undefined;
  organisationType?: OrganisationType | null | undefined;
  /** The full new list; [] for none. */
  regionCodes?: Array<string> | null | undefined;
};

export type AuditTrailQueryVariables = Exact<{
  filter?: AuditEventsFilter | null | undefined;
}>;

export type AuditTrailQuery = { auditEvents: { edges: Array<{ node: { action: string; actorSub: string; before: unknown; after: unknown } }> } };

export type SearchOffersQueryVariables = Exact<{
  filter?: ServiceOffersFilter | null | undefined;
}>;

export type SearchOffersQuery = { serviceOffers: { edges: Array<{ node: { id: string } }> } };

export type CreateOfferIdMutationVariables = Exact<{
  input: CreateServiceOfferInput;
}>;

export type CreateOfferIdMutation = { createServiceOffer: { id: string } };

export type PublishOfferIdMutationVariables = Exact<{
  id: string | number;
}>;

export type PublishOfferIdMutation = { publishServiceOffer: { id: string } };

export type RepriceOfferToOnePoundMutationVariables = Exact<{
  id: string | number;
}>;

export type RepriceOfferToOnePoundMutation = { updateServiceOffer: { id: string; version: number; unitPrice: { amount: string } } };

export type WithdrawOfferMutationVariables = Exact<{
  id: string | number;
}>;

export type WithdrawOfferMutation = { withdrawServiceOffer: { status: OfferStatus } };

export type OrganisationFieldsFragment = {
  id: string;
  identifier: string;
  legalName: string;
  charityNumber: string | null;
  companyNumber: string | null;
  organisationType: OrganisationType;
  incomeBand: IncomeBand;
  regionCodes: Array<string>;
  verified: boolean;
  contactEmail: string;
};

export type UpdateOrganisationMutationVariables = Exact<{
  id: string | number;
  input: UpdateOrganisationInput;
}>;

export type UpdateOrganisationMutation = {
  updateOrganisation: {
    id: string;
    identifier: string;
    legalName: string;
    charityNumber: string | null;
    companyNumber: string | null;
    organisationType: OrganisationType;
    incomeBand: IncomeBand;
    regionCodes: Array<string>;
    verified: boolean;
    contactEmail: string;
  };
};

export type OrganisationQueryVariables = Exact<{
  id: string | number;
}>;

export type OrganisationQuery = {
  organisation: {
    id: string;
    identifier: string;
    legalName: string;
    charityNumber: string | null;
    companyNumber: string | null;
    organisationType: OrganisationType;
    incomeBand: IncomeBand;
    regionCodes: Array<string>;
    verified: boolean;
    contactEmail: string;
  };
};

export const OrganisationFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'OrganisationFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Organisation' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'identifier' } },
          { kind: 'Field', name: { kind: 'Name', value: 'legalName' } },
          { kind: 'Field', name: { kind: 'Name', value: 'charityNumber' } },
          { kind: 'Field', name: { kind: 'Name', value: 'companyNumber' } },
          { kind: 'Field', name: { kind: 'Name', value: 'organisationType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'incomeBand' } },
          { kind: 'Field', name: { kind: 'Name', value: 'regionCodes' } },
          { kind: 'Field', name: { kind: 'Name', value: 'verified' } },
          { kind: 'Field', name: { kind: 'Name', value: 'contactEmail' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<OrganisationFieldsFragment, unknown>;
export const AuditTrailDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'AuditTrail' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'AuditEventsFilter' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'auditEvents' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'filter' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'IntValue', value: '50' } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'action' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'actorSub' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'before' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'after' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AuditTrailQuery, AuditTrailQueryVariables>;
export const SearchOffersDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'SearchOffers' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ServiceOffersFilter' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'serviceOffers' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'filter' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'IntValue', value: '50' } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SearchOffersQuery, SearchOffersQueryVariables>;
export const CreateOfferIdDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateOfferId' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateServiceOfferInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createServiceOffer' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateOfferIdMutation, CreateOfferIdMutationVariables>;
export const PublishOfferIdDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'PublishOfferId' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'publishServiceOffer' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PublishOfferIdMutation, PublishOfferIdMutationVariables>;
export const RepriceOfferToOnePoundDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RepriceOfferToOnePound' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'updateServiceOffer' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    { kind: 'ObjectField', name: { kind: 'Name', value: 'unitPrice' }, value: { kind: 'StringValue', value: '1.00', block: false } },
                  ],
                },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'unitPrice' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'amount' } }] },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RepriceOfferToOnePoundMutation, RepriceOfferToOnePoundMutationVariables>;
export const WithdrawOfferDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'WithdrawOffer' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'withdrawServiceOffer' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'status' } }] },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<WithdrawOfferMutation, WithdrawOfferMutationVariables>;
export const UpdateOrganisationDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UpdateOrganisation' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'UpdateOrganisationInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'updateOrganisation' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'OrganisationFields' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'OrganisationFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Organisation' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'identifier' } },
          { kind: 'Field', name: { kind: 'Name', value: 'legalName' } },
          { kind: 'Field', name: { kind: 'Name', value: 'charityNumber' } },
          { kind: 'Field', name: { kind: 'Name', value: 'companyNumber' } },
          { kind: 'Field', name: { kind: 'Name', value: 'organisationType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'incomeBand' } },
          { kind: 'Field', name: { kind: 'Name', value: 'regionCodes' } },
          { kind: 'Field', name: { kind: 'Name', value: 'verified' } },
          { kind: 'Field', name: { kind: 'Name', value: 'contactEmail' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UpdateOrganisationMutation, UpdateOrganisationMutationVariables>;
export const OrganisationDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Organisation' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'organisation' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'OrganisationFields' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'OrganisationFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Organisation' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'identifier' } },
          { kind: 'Field', name: { kind: 'Name', value: 'legalName' } },
          { kind: 'Field', name: { kind: 'Name', value: 'charityNumber' } },
          { kind: 'Field', name: { kind: 'Name', value: 'companyNumber' } },
          { kind: 'Field', name: { kind: 'Name', value: 'organisationType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'incomeBand' } },
          { kind: 'Field', name: { kind: 'Name', value: 'regionCodes' } },
          { kind: 'Field', name: { kind: 'Name', value: 'verified' } },
          { kind: 'Field', name: { kind: 'Name', value: 'contactEmail' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<OrganisationQuery, OrganisationQueryVariables>;
