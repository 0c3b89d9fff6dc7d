import type { GqlDocument, Money } from '../../core/graphql-client';
import { BUDGET_FIELDS, OFFER_DETAIL_FIELDS, ORDER_DETAIL_FIELDS, ORDER_SUMMARY_FIELDS } from '../shared-fragments';

/** GraphQL documents of the commissioner journey. */
export interface OfferSearchResult {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Record<string, unknown> }[];
}

export const SEARCH_OFFERS: GqlDocument<{ serviceOffers: OfferSearchResult }> = /* GraphQL */ `
  query SearchOffers($filter: ServiceOffersFilter, $after: String) {
    serviceOffers(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          summary
          category
          pricingUnit
          capacityPerMonth
          regionCodes
          unitPrice {
            amount
          }
          fundingGapPerUnit {
            amount
          }
          provider {
            legalName
            incomeBand
          }
        }
      }
    }
  }
`;

/** What the pages read of an offer (the templates show the rest). */
export interface CommissionerOffer {
  id: string;
  title: string;
  pricingUnit: string;
  pduCodes: string[];
  regionCodes: string[];
  category: string;
  version: number;
  unitPrice: Money;
}

export const OFFER: GqlDocument<{ serviceOffer: CommissionerOffer }> = /* GraphQL */ `
  query CommissionerOffer($id: ID!) {
    serviceOffer(id: $id) {
      ...OfferDetailFields
      pduCodes
    }
  }
  ${OFFER_DETAIL_FIELDS}
`;

export interface Budget {
  id: string;
  regionCode: string;
  financialYear: string;
  category: string | null;
  allocated: Money;
  reserved: Money;
  committed: Money;
  remaining: Money;
}

export const BUDGETS: GqlDocument<{ budgets: Budget[] }> = /* GraphQL */ `
  query Budgets($filter: BudgetsFilter) {
    budgets(filter: $filter) {
      ...BudgetFields
    }
  }
  ${BUDGET_FIELDS}
`;

export const PLACE_ORDER: GqlDocument<{ placeOrder: { id: string; status: string; approvalLevel: string } }> = /* GraphQL */ `
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      status
      approvalLevel
    }
  }
`;

export const ORDERS: GqlDocument<{ orders: { totalCount: number; edges: { node: Record<string, unknown> }[] } }> = /* GraphQL */ `
  query CommissionerOrders($filter: OrdersFilter) {
    orders(filter: $filter, first: 50) {
      totalCount
      edges {
        node {
          ...OrderSummaryFields
        }
      }
    }
  }
  ${ORDER_SUMMARY_FIELDS}
`;

export interface CommissionerOrder {
  id: string;
  status: string;
  placedBy: string;
  offer: { title: string; offerId: string };
  [field: string]: unknown;
}

export const ORDER: GqlDocument<{ order: CommissionerOrder }> = /* GraphQL */ `
  query CommissionerOrder($id: ID!) {
    order(id: $id) {
      ...OrderDetailFields
      placedBy
      financialYear
      budget {
        remaining {
          amount
        }
        category
      }
    }
  }
  ${ORDER_DETAIL_FIELDS}
`;

export const APPROVE_ORDER = /* GraphQL */ `
  mutation ApproveOrder($id: ID!) {
    approveOrder(id: $id) {
      id
      status
    }
  }
`;

export const REJECT_ORDER = /* GraphQL */ `
  mutation RejectOrder($id: ID!, $reason: String!) {
    rejectOrder(id: $id, reason: $reason) {
      id
      status
    }
  }
`;

export const WITHDRAW_ORDER = /* GraphQL */ `
  mutation WithdrawOrder($id: ID!, $reason: String!) {
    withdrawOrder(id: $id, reason: $reason) {
      id
      status
    }
  }
`;
