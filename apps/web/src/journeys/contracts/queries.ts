import type { GqlDocument, Money } from '../../core/graphql-client';

/** GraphQL documents of the contract pages (journey 5): performance reports, payments, subcontractors. */
/** A contract as a row of the contracts list, and the head of its page. */
const CONTRACT_SUMMARY_FIELDS = /* GraphQL */ `
  fragment ContractSummaryFields on Contract {
    id
    status
    startDate
    endDate
    regionCode
    value {
      amount
    }
    paidToDate {
      amount
    }
    offer {
      title
    }
    provider {
      legalName
    }
  }
`;

export const CONTRACTS: GqlDocument<{ contracts: { totalCount: number; edges: { node: Record<string, unknown> }[] } }> = /* GraphQL */ `
  query Contracts($filter: ContractsFilter) {
    contracts(filter: $filter, first: 50) {
      totalCount
      edges {
        node {
          ...ContractSummaryFields
        }
      }
    }
  }
  ${CONTRACT_SUMMARY_FIELDS}
`;

/** What the pages read of a contract (the templates show the rest). */
export interface Contract {
  id: string;
  offer: { title: string };
  outcomeMeasures: { id: string; code: string; name: string }[];
  schedule: { period: string; reportStatus: string | null }[];
  subcontractors: { id: string; tier: number; name: string }[];
  [field: string]: unknown;
}

export const CONTRACT: GqlDocument<{ contract: Contract }> = /* GraphQL */ `
  query Contract($id: ID!) {
    contract(id: $id) {
      ...ContractSummaryFields
      pduCode
      reportingPeriod
      outcomeSharePercent
      fixedPart {
        amount
      }
      outcomePart {
        amount
      }
      outstanding {
        amount
      }
      earnedToDate {
        amount
      }
      provider {
        identifier
      }
      outcomeMeasures {
        id
        code
        name
        unit
        target
        weight
      }
      schedule {
        period
        startDate
        endDate
        reportStatus
        fixedDue {
          amount
        }
        fixedPaid {
          amount
        }
        outcomeAvailable {
          amount
        }
        outcomeEarned {
          amount
        }
        outcomePaid {
          amount
        }
      }
      performanceReports {
        id
        period
        status
        narrative
        submittedBy
        submittedAt
        returnReason
        reviewedBy
        score
        outcomeEarned {
          amount
        }
        actuals {
          measureId
          value
          achievement
        }
      }
      payments {
        id
        period
        kind
        amount {
          amount
        }
        paidOn
        reference
        recordedBy
      }
      subcontractors {
        id
        tier
        name
        identifier
        serviceSummary
        parentId
      }
    }
  }
  ${CONTRACT_SUMMARY_FIELDS}
`;

export const SUBMIT_REPORT = /* GraphQL */ `
  mutation SubmitReport($input: SubmitPerformanceReportInput!) {
    submitPerformanceReport(input: $input) {
      id
      status
      period
    }
  }
`;

export const APPROVE_REPORT: GqlDocument<{ approvePerformanceReport: { id: string; status: string; period: string; outcomeEarned: Money | null } }> =
  /* GraphQL */ `
    mutation ApproveReport($id: ID!) {
      approvePerformanceReport(id: $id) {
        id
        status
        period
        outcomeEarned {
          amount
        }
      }
    }
  `;

export const RETURN_REPORT = /* GraphQL */ `
  mutation ReturnReport($id: ID!, $reason: String!) {
    returnPerformanceReport(id: $id, reason: $reason) {
      id
      status
    }
  }
`;

export const RECORD_PAYMENT: GqlDocument<{ recordPayment: { id: string; amount: Money; period: string; kind: string } }> = /* GraphQL */ `
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
      amount {
        amount
      }
      period
      kind
    }
  }
`;

export const DECLARE_SUBCONTRACTOR: GqlDocument<{ declareSubcontractor: { id: string; name: string; tier: number } }> = /* GraphQL */ `
  mutation DeclareSubcontractor($input: DeclareSubcontractorInput!) {
    declareSubcontractor(input: $input) {
      id
      name
      tier
    }
  }
`;
