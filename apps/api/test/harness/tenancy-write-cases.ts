import { randomUUID } from 'node:crypto';
import { ids, p2, reason, rid, type Case } from './tenancy-world';

/** The tenancy probes of mutations on foreign records. */
export const WRITE_CASES: Case[] = [
  {
    op: 'submitInvoice',
    as: [['p1', 'NOT_FOUND']],
    query: `mutation ($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { id } }`,
    variables: () => ({
      input: { contractId: ids.contract2, period: '2026-27-Q1', kind: 'FIXED', amount: '1.00', invoiceNumber: 'FOREIGN-1', issuedOn: '2026-07-01' },
    }),
  },
  {
    op: 'approveInvoice',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p2', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { approveInvoice(id: $id) { id } }`,
    variables: rid('invoice2'),
  },
  {
    op: 'disputeInvoice',
    as: [
      ['nw', 'NOT_FOUND'],
      ['directorate', 'FORBIDDEN'],
    ],
    query: `mutation ($input: DisputeInvoiceInput!) { disputeInvoice(input: $input) { id } }`,
    variables: () => ({ input: { invoiceId: ids.invoice2, reason: reason } }),
  },
  {
    op: 'payInvoice',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p2', 'FORBIDDEN'],
    ],
    query: `mutation ($input: PayInvoiceInput!) { payInvoice(input: $input) { id } }`,
    variables: () => ({ input: { invoiceId: ids.invoice2, paidOn: '2026-07-02', reference: 'x', idempotencyKey: randomUUID() } }),
  },
  // ---- mutations on foreign records ----
  {
    op: 'publishSupplyChain',
    as: [
      ['nw', 'FORBIDDEN'],
      ['p1', 'FORBIDDEN'],
      ['auditor', 'FORBIDDEN'],
    ],
    query: `mutation { publishSupplyChain(financialYear: "2026-27", quarter: 1) { id } }`,
    variables: () => ({}),
  },
  {
    op: 'updateOrganisation',
    as: [
      ['p1', 'NOT_FOUND'],
      ['nw', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { updateOrganisation(id: $id, input: { legalName: "Taken over" }) { id } }`,
    variables: () => ({ id: p2.id }),
  },
  {
    op: 'verifyOrganisation',
    as: [
      ['p1', 'FORBIDDEN'],
      ['directorate', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { verifyOrganisation(id: $id) { id } }`,
    variables: () => ({ id: p2.id }),
  },
  {
    op: 'registerOrganisation',
    as: [
      ['p1', 'FORBIDDEN'],
      ['nw', 'FORBIDDEN'],
    ],
    query: `mutation { registerOrganisation(input: { identifier: "GB-CHC-9933333", legalName: "Not mine", organisationType: REGISTERED_CHARITY, incomeBand: UNDER_100K, contactEmail: "x@example.org" }) { id } }`,
    variables: () => ({}),
  },
  {
    op: 'createServiceOffer',
    as: [
      ['nw', 'FORBIDDEN'],
      ['directorate', 'FORBIDDEN'],
    ],
    query: `mutation { createServiceOffer(input: { title: "xxx", summary: "xxxxxxxxxxxx", category: ACCOMMODATION, regionCodes: ["wales"], capacityPerMonth: 1, pricingUnit: PER_REFERRAL, unitPrice: "1.00", declaredFullCostPerUnit: "1.00", outcomeCommitments: [{ measureCode: "ACC-01", expectedRate: 0.5 }] }) { id } }`,
    variables: () => ({}),
  },
  {
    op: 'updateServiceOffer',
    as: [
      ['p1', 'NOT_FOUND'],
      ['nw', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { updateServiceOffer(id: $id, input: { title: "Hijacked" }) { id } }`,
    variables: rid('offer2'),
  },
  {
    op: 'publishServiceOffer',
    as: [['p1', 'NOT_FOUND']],
    query: `mutation ($id: ID!) { publishServiceOffer(id: $id) { id } }`,
    variables: rid('draft2'),
  },
  {
    op: 'withdrawServiceOffer',
    as: [['p1', 'NOT_FOUND']],
    query: `mutation ($id: ID!) { withdrawServiceOffer(id: $id) { id } }`,
    variables: rid('offer2'),
  },
  {
    op: 'createOutcomeMeasure',
    as: [
      ['nw', 'FORBIDDEN'],
      ['directorate', 'FORBIDDEN'],
      ['p1', 'FORBIDDEN'],
    ],
    query: `mutation { createOutcomeMeasure(input: { code: "ZZ-01", name: "Probe", description: "Probe", unit: "x", direction: HIGHER_IS_BETTER, categories: [ACCOMMODATION] }) { code } }`,
    variables: () => ({}),
  },
  {
    op: 'setBudget',
    as: [
      ['nw', 'FORBIDDEN'],
      ['p1', 'FORBIDDEN'],
      ['auditor', 'FORBIDDEN'],
    ],
    query: `mutation { setBudget(input: { regionCode: "wales", financialYear: "2026-27", amount: "1.00" }) { id } }`,
    variables: () => ({}),
  },
  {
    op: 'placeOrder',
    as: [
      ['nw', 'FORBIDDEN'],
      ['p1', 'FORBIDDEN'],
      ['directorate', 'FORBIDDEN'],
    ],
    query: `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
    variables: () => ({
      input: { offerId: ids.offer2, pduCode: 'gwent', quantity: 1, startDate: '2026-05-01', endDate: '2026-05-31', idempotencyKey: randomUUID() },
    }),
  },
  {
    op: 'approveOrder',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p1', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { approveOrder(id: $id) { id } }`,
    variables: rid('pending2'),
  },
  {
    op: 'rejectOrder',
    as: [['nw', 'NOT_FOUND']],
    query: `mutation ($id: ID!) { rejectOrder(id: $id, reason: "${reason}") { id } }`,
    variables: rid('pending2'),
  },
  {
    op: 'withdrawOrder',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p1', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { withdrawOrder(id: $id, reason: "${reason}") { id } }`,
    variables: rid('pending2'),
  },
  {
    op: 'acceptOrder',
    as: [
      ['p1', 'NOT_FOUND'],
      ['nw', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { acceptOrder(id: $id) { id } }`,
    variables: rid('pending2'),
  },
  {
    op: 'declineOrder',
    as: [['p1', 'NOT_FOUND']],
    query: `mutation ($id: ID!) { declineOrder(id: $id, reason: "${reason}") { id } }`,
    variables: rid('pending2'),
  },
  {
    op: 'varyContract',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p1', 'FORBIDDEN'],
    ],
    query: `mutation ($input: VaryContractInput!) { varyContract(input: $input) { id } }`,
    variables: () => ({ input: { contractId: ids.contract2, expectedVersion: 1, changes: { status: 'SUSPENDED' }, reason } }),
  },
  {
    op: 'agreeContractVariation',
    as: [
      ['p1', 'NOT_FOUND'],
      ['nw', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { agreeContractVariation(variationId: $id) { id } }`,
    variables: () => ({ id: ids.variation2 }),
  },
  {
    op: 'rejectContractVariation',
    as: [
      ['p1', 'NOT_FOUND'],
      ['nw', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { rejectContractVariation(variationId: $id, reason: "${reason}") { id } }`,
    variables: () => ({ id: ids.variation2 }),
  },
  {
    op: 'withdrawContractVariation',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p2', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { withdrawContractVariation(variationId: $id, reason: "${reason}") { id } }`,
    variables: () => ({ id: ids.variation2 }),
  },
  {
    op: 'submitPerformanceReport',
    as: [
      ['p1', 'NOT_FOUND'],
      ['nw', 'FORBIDDEN'],
    ],
    query: `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id } }`,
    variables: () => ({
      input: { contractId: ids.contract2, period: '2026-27-Q2', narrative: 'x', actuals: [{ measureId: ids.measure2, value: 1 }] },
    }),
  },
  {
    op: 'approvePerformanceReport',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p1', 'FORBIDDEN'],
    ],
    query: `mutation ($id: ID!) { approvePerformanceReport(id: $id) { id } }`,
    variables: rid('report2'),
  },
  {
    op: 'returnPerformanceReport',
    as: [['nw', 'NOT_FOUND']],
    query: `mutation ($id: ID!) { returnPerformanceReport(id: $id, reason: "${reason}") { id } }`,
    variables: rid('report2'),
  },
  {
    op: 'recordPayment',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p1', 'FORBIDDEN'],
      ['directorate', 'FORBIDDEN'],
    ],
    query: `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
    variables: () => ({
      input: {
        contractId: ids.contract2,
        period: '2026-27-Q1',
        kind: 'FIXED',
        amount: '1.00',
        paidOn: '2026-06-01',
        reference: 'x',
        idempotencyKey: randomUUID(),
      },
    }),
  },
  {
    op: 'reversePayment',
    as: [
      ['nw', 'NOT_FOUND'],
      ['p1', 'FORBIDDEN'],
    ],
    query: `mutation ($input: ReversePaymentInput!) { reversePayment(input: $input) { id } }`,
    variables: () => ({ input: { paymentId: ids.payment2, reason, idempotencyKey: randomUUID() } }),
  },
  {
    op: 'declareSubcontractor',
    as: [
      ['p1', 'NOT_FOUND'],
      ['nw', 'FORBIDDEN'],
    ],
    query: `mutation ($input: DeclareSubcontractorInput!) { declareSubcontractor(input: $input) { id } }`,
    variables: () => ({
      input: { contractId: ids.contract2, identifier: 'GB-CHC-9944444', name: 'Probe partner', tier: 2, serviceSummary: 'Probe' },
    }),
  },
  {
    op: 'reportFundingPassedDown',
    as: [['p1', 'NOT_FOUND']],
    query: `mutation ($input: ReportFundingPassedDownInput!) { reportFundingPassedDown(input: $input) { id } }`,
    variables: () => ({ input: { contractId: ids.contract2, subcontractorId: ids.sub2, financialYear: '2026-27', quarter: 1, amount: '1.00' } }),
  },
  {
    op: 'reportSubcontractorContribution',
    as: [['p1', 'NOT_FOUND']],
    query: `mutation ($input: ReportContributionInput!) { reportSubcontractorContribution(input: $input) { id } }`,
    variables: () => ({
      input: {
        contractId: ids.contract2,
        subcontractorId: ids.sub2,
        financialYear: '2026-27',
        quarter: 1,
        contributions: [{ measureId: ids.measure2, value: 1 }],
      },
    }),
  },
];
