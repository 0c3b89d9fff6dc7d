import type { GqlDocument, Money } from '../../core/graphql-client';
import { BUDGET_FIELDS } from '../shared-fragments';

/** GraphQL documents of the directorate journey: budgets, the spend dashboard, publishing. */
/** What the charts read of the dashboard (the templates show the rest: totals, budgets). */
export interface Dashboard extends DashboardBudgets {
  byRegion: { rows: { regionCode: string; committed: Money; paid: Money; contracts: number }[]; totals: Record<string, unknown> };
  byQuarter: { rows: { financialYear: string; quarter: number; committed: Money; paid: Money }[] };
  inclusion: {
    totals: { byIncomeBand: { incomeBand: string; committed: Money; committedShare: number | null; providers: number }[]; [field: string]: unknown };
  };
  gap: { rows: { regionCode: string; gap: Money; [field: string]: unknown }[]; totals: Record<string, unknown> };
}

/** The dashboard's budgets table. */
export interface DashboardBudgets {
  budgets: Record<string, unknown>[];
}

export const DASHBOARD: GqlDocument<Omit<Dashboard, 'budgets'>> = /* GraphQL */ `
  query SpendDashboard($filter: SpendFilter) {
    byRegion: spend(filter: $filter, groupBy: [REGION]) {
      rows {
        regionCode
        committed {
          amount
        }
        paid {
          amount
        }
        contracts
      }
      totals {
        committed {
          amount
        }
        paid {
          amount
        }
        outstanding {
          amount
        }
        contracts
        providers
      }
    }
    byQuarter: spend(filter: $filter, groupBy: [FINANCIAL_QUARTER]) {
      rows {
        financialYear
        quarter
        committed {
          amount
        }
        paid {
          amount
        }
      }
    }
    inclusion: spendInclusion(filter: $filter) {
      totals {
        committedShareUnder1m
        paidShareUnder1m
        providersFunded
        providersFundedUnder1m
        byIncomeBand {
          incomeBand
          committed {
            amount
          }
          committedShare
          providers
        }
      }
    }
    gap: sustainabilityGap(filter: $filter, groupBy: [REGION]) {
      rows {
        regionCode
        committed {
          amount
        }
        declaredFullCost {
          amount
        }
        gap {
          amount
        }
        contractsBelowCost
        contracts
      }
      totals {
        gap {
          amount
        }
        committed {
          amount
        }
        fullCostCovered
      }
    }
  }
`;

/**
 * Apart from the spend: with the filter a variable, each report is costed at REPORT_MAX_ROWS
 * rows (see reportListBounds in libs/common), and two such in one document exceed the cost limit.
 */
export const DASHBOARD_BUDGETS: GqlDocument<DashboardBudgets> = /* GraphQL */ `
  query DashboardBudgets($budgets: BudgetsFilter) {
    budgets(filter: $budgets) {
      ...BudgetFields
    }
  }
  ${BUDGET_FIELDS}
`;

export const SET_BUDGET: GqlDocument<{ setBudget: { id: string; regionCode: string; financialYear: string; allocated: Money } }> = /* GraphQL */ `
  mutation SetBudget($input: SetBudgetInput!) {
    setBudget(input: $input) {
      id
      regionCode
      financialYear
      allocated {
        amount
      }
    }
  }
`;

export const PUBLISH_SUPPLY_CHAIN: GqlDocument<{
  publishSupplyChain: { id: string; financialYear: string; quarter: number; revision: number; contracts: number };
}> = /* GraphQL */ `
  mutation PublishSupplyChain($financialYear: String!, $quarter: Int!, $correctionReason: String) {
    publishSupplyChain(financialYear: $financialYear, quarter: $quarter, correctionReason: $correctionReason) {
      id
      financialYear
      quarter
      revision
      contracts
    }
  }
`;
