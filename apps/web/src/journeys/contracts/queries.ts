/** GraphQL documents of the contract pages (journey 5): performance reports, payments, subcontractors. */
export const CONTRACTS = /* GraphQL */ `
  query Contracts($filter: ContractsFilter) {
    contracts(filter: $filter, first: 50) {
      totalCount
      edges { node { id status startDate endDate regionCode value { amount } paidToDate { amount } offer { title } provider { legalName } } }
    }
  }
`;

export const CONTRACT = /* GraphQL */ `
  query Contract($id: ID!) {
    contract(id: $id) {
      id status startDate endDate regionCode pduCode reportingPeriod outcomeSharePercent
      value { amount } fixedPart { amount } outcomePart { amount } paidToDate { amount } outstanding { amount } earnedToDate { amount }
      offer { title }
      provider { legalName identifier }
      outcomeMeasures { id code name unit target weight }
      schedule {
        period startDate endDate reportStatus
        fixedDue { amount } fixedPaid { amount } outcomeAvailable { amount } outcomeEarned { amount } outcomePaid { amount }
      }
      performanceReports { id period status narrative submittedBy submittedAt returnReason reviewedBy score outcomeEarned { amount } actuals { measureId value achievement } }
      payments { id period kind amount { amount } paidOn reference recordedBy }
      subcontractors { id tier name identifier serviceSummary parentId }
    }
  }
`;

export const SUBMIT_REPORT = /* GraphQL */ `
  mutation SubmitReport($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id status period } }
`;

export const APPROVE_REPORT = /* GraphQL */ `
  mutation ApproveReport($id: ID!) { approvePerformanceReport(id: $id) { id status period outcomeEarned { amount } } }
`;

export const RETURN_REPORT = /* GraphQL */ `
  mutation ReturnReport($id: ID!, $reason: String!) { returnPerformanceReport(id: $id, reason: $reason) { id status } }
`;

export const RECORD_PAYMENT = /* GraphQL */ `
  mutation RecordPayment($input: RecordPaymentInput!) { recordPayment(input: $input) { id amount { amount } period kind } }
`;

export const DECLARE_SUBCONTRACTOR = /* GraphQL */ `
  mutation DeclareSubcontractor($input: DeclareSubcontractorInput!) { declareSubcontractor(input: $input) { id name tier } }
`;
