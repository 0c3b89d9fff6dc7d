/**
 * GraphQL fragments the journeys share: a field selection read by more than one page is written
 * once here, spread in the documents (`...BudgetFields`) and its definition appended to each
 * document that spreads it (`${BUDGET_FIELDS}`). A document carries only the fragments it spreads:
 * GraphQL refuses a document with an unused fragment or two fragments of one name.
 */

/** A budget line with its four amounts (the commissioner's budgets, the directorate's table). */
export const BUDGET_FIELDS = /* GraphQL */ `
  fragment BudgetFields on Budget {
    id
    regionCode
    financialYear
    category
    allocated {
      amount
    }
    reserved {
      amount
    }
    committed {
      amount
    }
    remaining {
      amount
    }
  }
`;

/** An offer's page, as the commissioner and its provider both read it. */
export const OFFER_DETAIL_FIELDS = /* GraphQL */ `
  fragment OfferDetailFields on ServiceOffer {
    id
    title
    summary
    status
    category
    pricingUnit
    capacityPerMonth
    regionCodes
    version
    unitPrice {
      amount
    }
    declaredFullCostPerUnit {
      amount
    }
    fundingGapPerUnit {
      amount
    }
    outcomeCommitments {
      measureCode
      measureName
      expectedRate
      unit
    }
    provider {
      id
      legalName
      identifier
      verified
    }
  }
`;

/** An order as a row of a list (the commissioner's orders, the provider's orders to answer). */
export const ORDER_SUMMARY_FIELDS = /* GraphQL */ `
  fragment OrderSummaryFields on Order {
    id
    status
    quantity
    startDate
    regionCode
    total {
      amount
    }
    offer {
      title
    }
  }
`;

/** An order's page, as the commissioner and the provider both read it (it spreads the summary, so it carries both definitions). */
export const ORDER_DETAIL_FIELDS = /* GraphQL */ `
  fragment OrderDetailFields on Order {
    ...OrderSummaryFields
    endDate
    pduCode
    placedAt
    reason
    outcomeSharePercent
    offer {
      offerId
    }
    contract {
      id
    }
    outcomeTargets {
      measureCode
      measureName
      target
      unit
    }
  }
  ${ORDER_SUMMARY_FIELDS}
`;
