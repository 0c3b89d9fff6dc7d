import type { GqlDocument } from '../../core/graphql-client';
import { OFFER_DETAIL_FIELDS, ORDER_DETAIL_FIELDS, ORDER_SUMMARY_FIELDS } from '../shared-fragments';

/** The GraphQL documents of the charity (PROVIDER) journey: one place to update when the schema moves. */
/** What the pages read of the caller's organisation (the templates show the rest). */
export interface MyOrganisation {
  id: string;
  legalName: string;
  verified: boolean;
  [field: string]: unknown;
}

/** A list the templates show as it comes (`edges { node }`). */
export interface Listing {
  totalCount: number;
  edges: { node: Record<string, unknown> }[];
}

export const MY_ORGANISATION: GqlDocument<{ organisation: MyOrganisation }> = /* GraphQL */ `
  query MyOrganisation($identifier: String!) {
    organisation(identifier: $identifier) {
      id
      identifier
      legalName
      verified
      verifiedAt
      organisationType
      incomeBand
      regionCodes
      contactEmail
    }
  }
`;

export const MY_OFFERS: GqlDocument<{ serviceOffers: Listing }> = /* GraphQL */ `
  query MyOffers($providerId: ID!) {
    serviceOffers(filter: { providerId: $providerId }, first: 50) {
      totalCount
      edges {
        node {
          id
          title
          status
          category
          unitPrice {
            amount
          }
          pricingUnit
          version
        }
      }
    }
  }
`;

export const OFFER: GqlDocument<{ serviceOffer: { id: string; title: string; [field: string]: unknown } }> = /* GraphQL */ `
  query Offer($id: ID!) {
    serviceOffer(id: $id) {
      ...OfferDetailFields
      publishedAt
    }
  }
  ${OFFER_DETAIL_FIELDS}
`;

export const ORDERS_TO_ANSWER: GqlDocument<{ orders: Listing }> = /* GraphQL */ `
  query ProviderOrders($statuses: [OrderStatus!]) {
    orders(filter: { statuses: $statuses }, first: 50) {
      totalCount
      edges {
        node {
          ...OrderSummaryFields
          endDate
          pduCode
          placedAt
        }
      }
    }
  }
  ${ORDER_SUMMARY_FIELDS}
`;

export const ORDER: GqlDocument<{ order: { id: string; offer: { title: string }; [field: string]: unknown } }> = /* GraphQL */ `
  query ProviderOrder($id: ID!) {
    order(id: $id) {
      ...OrderDetailFields
      responseDueAt
      note
      unitPrice {
        amount
      }
      offer {
        pricingUnit
      }
    }
  }
  ${ORDER_DETAIL_FIELDS}
`;

export const OUTCOME_MEASURES: GqlDocument<{ outcomeMeasures: { code: string; name: string; categories: string[] }[] }> = /* GraphQL */ `
  query OutcomeMeasures {
    outcomeMeasures {
      code
      name
      categories
    }
  }
`;

export const REGISTER_ORGANISATION = /* GraphQL */ `
  mutation RegisterOrganisation($input: RegisterOrganisationInput!) {
    registerOrganisation(input: $input) {
      id
    }
  }
`;

export const CREATE_OFFER: GqlDocument<{ createServiceOffer: { id: string } }> = /* GraphQL */ `
  mutation CreateOffer($input: CreateServiceOfferInput!) {
    createServiceOffer(input: $input) {
      id
    }
  }
`;

export const PUBLISH_OFFER = /* GraphQL */ `
  mutation PublishOffer($id: ID!) {
    publishServiceOffer(id: $id) {
      id
      status
    }
  }
`;

export const ACCEPT_ORDER = /* GraphQL */ `
  mutation AcceptOrder($id: ID!) {
    acceptOrder(id: $id) {
      id
      status
    }
  }
`;

export const DECLINE_ORDER = /* GraphQL */ `
  mutation DeclineOrder($id: ID!, $reason: String!) {
    declineOrder(id: $id, reason: $reason) {
      id
      status
    }
  }
`;

export const WITHDRAW_OFFER = /* GraphQL */ `
  mutation WithdrawOffer($id: ID!) {
    withdrawServiceOffer(id: $id) {
      id
      status
    }
  }
`;
