import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { expectOk, GqlResult, TestApp } from './test-app';
import { createPublishedOffer, ProviderHandle } from './factories';

/**
 * Builders for contracts and what happens during them (reports, payments, the supply chain), each
 * through the public GraphQL API, for the spend and publication tests.
 */
let companySequence = 0;

/** Registers and verifies an organisation of any type; companies get a GB-COH identifier. */
export async function registerOrganisation(
  app: TestApp,
  options: { incomeBand: string; organisationType: string; regionCodes: string[]; legalName?: string; charityNumber?: string },
): Promise<ProviderHandle> {
  const admin = await app.token({ roles: [Role.ADMIN], sub: 'admin-factory' });
  companySequence += 1;
  const isCompany = options.organisationType === 'PRIVATE_COMPANY' || options.organisationType === 'COMMUNITY_INTEREST_COMPANY';
  const number = String(70_000_000 + ((process.pid * 100 + companySequence) % 9_999_999)).padStart(8, '0');
  const identifier = isCompany ? `GB-COH-${number}` : `GB-CHC-${number.slice(1)}`;
  const registered = expectOk(
    await app.gql(
      `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id identifier } }`,
      {
        input: {
          identifier,
          legalName: options.legalName ?? `Synthetic ${options.organisationType.toLowerCase()} ${number}`,
          organisationType: options.organisationType,
          incomeBand: options.incomeBand,
          regionCodes: options.regionCodes,
          contactEmail: 'bids@example.org',
          ...(options.charityNumber ? { charityNumber: options.charityNumber } : {}),
        },
      },
      admin,
    ),
  ).registerOrganisation as { id: string; identifier: string };
  expectOk(await app.gql(`mutation ($id: ID!) { verifyOrganisation(id: $id) { id } }`, { id: registered.id }, admin));
  const token = await app.token({ roles: [Role.PROVIDER], org: identifier, sub: `bid-manager-${identifier}` });
  return { id: registered.id, identifier, token };
}

export async function setBudget(app: TestApp, regionCode: string, financialYear: string, amount: string): Promise<void> {
  const directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'budget-setter' });
  expectOk(
    await app.gql(
      `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { id } }`,
      { input: { regionCode, financialYear, amount } },
      directorate,
    ),
  );
}

export { createPublishedOffer };

export interface ContractHandle {
  id: string;
  orderId: string;
  value: string;
  schedule: { period: string; fixedDue: string }[];
  measures: { id: string; code: string }[];
}

const CONTRACT_FIELDS = `id value { amount } schedule { period fixedDue { amount } } outcomeMeasures { id code }`;

/** Places an order as the commissioner and has the provider accept it. */
export async function awardContract(
  app: TestApp,
  commissioner: string,
  provider: ProviderHandle,
  input: {
    offerId: string;
    pduCode: string;
    quantity: number;
    startDate: string;
    endDate: string;
    outcomeSharePercent?: number;
    advancePayment?: boolean;
  },
): Promise<ContractHandle> {
  const order = expectOk(
    await app.gql(
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`,
      { input: { idempotencyKey: randomUUID(), ...input } },
      commissioner,
    ),
  ).placeOrder as { id: string; status: string };
  if (order.status !== 'SUBMITTED') throw new Error(`order ${order.id} is ${order.status}; keep test orders under the approval threshold`);
  const accepted = expectOk(await app.gql(`mutation ($id: ID!) { acceptOrder(id: $id) { id contract { id } } }`, { id: order.id }, provider.token))
    .acceptOrder as { contract: { id: string } };
  return contract(app, commissioner, accepted.contract.id, order.id);
}

export async function contract(app: TestApp, token: string, id: string, orderId = ''): Promise<ContractHandle> {
  const c = expectOk(await app.gql(`query ($id: ID!) { contract(id: $id) { ${CONTRACT_FIELDS} } }`, { id }, token)).contract;
  return {
    id: c.id,
    orderId,
    value: c.value.amount,
    schedule: c.schedule.map((s: { period: string; fixedDue: { amount: string } }) => ({ period: s.period, fixedDue: s.fixedDue.amount })),
    measures: c.outcomeMeasures,
  };
}

export async function recordPayment(
  app: TestApp,
  commissioner: string,
  input: { contractId: string; period: string; kind: 'FIXED' | 'OUTCOME'; amount: string; paidOn: string },
): Promise<{ id: string; amount: string }> {
  const payment = expectOk(
    await app.gql(
      `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id amount { amount } } }`,
      { input: { reference: `FIN-${randomUUID().slice(0, 8)}`, idempotencyKey: randomUUID(), ...input } },
      commissioner,
    ),
  ).recordPayment;
  return { id: payment.id, amount: payment.amount.amount };
}

export async function reversePayment(app: TestApp, commissioner: string, paymentId: string): Promise<{ id: string; amount: string }> {
  const payment = expectOk(
    await app.gql(
      `mutation ($input: ReversePaymentInput!) { reversePayment(input: $input) { id amount { amount } } }`,
      { input: { paymentId, reason: 'Paid to the wrong account', idempotencyKey: randomUUID() } },
      commissioner,
    ),
  ).reversePayment;
  return { id: payment.id, amount: payment.amount.amount };
}

/** The provider reports one actual per measure; the commissioner approves. Returns the outcome payment earned. */
export async function reportAndApprove(
  app: TestApp,
  provider: ProviderHandle,
  approver: string,
  contract: ContractHandle,
  period: string,
  actuals: number[],
): Promise<{ reportId: string; earned: string }> {
  const report = expectOk(
    await app.gql(
      `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id } }`,
      {
        input: {
          contractId: contract.id,
          period,
          actuals: contract.measures.map((m, i) => ({ measureId: m.id, value: actuals[i] ?? actuals[0] })),
          narrative: 'Synthetic report: numbers only, no personal data.',
        },
      },
      provider.token,
    ),
  ).submitPerformanceReport as { id: string };
  const approved = expectOk(
    await app.gql(`mutation ($id: ID!) { approvePerformanceReport(id: $id) { id outcomeEarned { amount } } }`, { id: report.id }, approver),
  ).approvePerformanceReport;
  return { reportId: report.id, earned: approved.outcomeEarned.amount };
}

export async function declareSubcontractor(
  app: TestApp,
  provider: ProviderHandle,
  input: {
    contractId: string;
    identifier: string;
    name: string;
    tier: 2 | 3;
    parentSubcontractorId?: string;
    serviceSummary: string;
    companyNumber?: string;
  },
): Promise<string> {
  return expectOk(
    await app.gql(`mutation ($input: DeclareSubcontractorInput!) { declareSubcontractor(input: $input) { id } }`, { input }, provider.token),
  ).declareSubcontractor.id;
}

export async function reportFundingPassedDown(
  app: TestApp,
  provider: ProviderHandle,
  input: { contractId: string; subcontractorId: string; financialYear: string; quarter: number; amount: string },
): Promise<void> {
  expectOk(
    await app.gql(`mutation ($input: ReportFundingPassedDownInput!) { reportFundingPassedDown(input: $input) { id } }`, { input }, provider.token),
  );
}

export async function reportContribution(
  app: TestApp,
  provider: ProviderHandle,
  input: {
    contractId: string;
    subcontractorId: string;
    financialYear: string;
    quarter: number;
    contributions: { measureId: string; value: number }[];
  },
): Promise<void> {
  expectOk(
    await app.gql(`mutation ($input: ReportContributionInput!) { reportSubcontractorContribution(input: $input) { id } }`, { input }, provider.token),
  );
}

const TERM_KEYS = ['endDate', 'value', 'outcomeMeasures'];

/**
 * `varyContract` as the commissioner and, when it proposes a change of terms, the provider's
 * `agreeContractVariation`: the answer is shaped as `{ data: { varyContract } }` with the contract
 * as it stands afterwards (selected by `fields`), or the first refusal. A status-only variation
 * applies at once and needs no agreement.
 */
export async function varyAndAgree(
  app: TestApp,
  commissioner: string,
  providerToken: string,
  input: { contractId: string; expectedVersion: number; changes: Record<string, unknown>; reason: string },
  fields = 'id version status value { amount } endDate',
): Promise<GqlResult> {
  const proposed = await app.gql(
    `mutation ($input: VaryContractInput!) { varyContract(input: $input) { ${fields} pendingVariation { id } } }`,
    { input },
    commissioner,
  );
  const pending = proposed.data?.varyContract?.pendingVariation;
  const terms = Object.keys(input.changes).some((k) => TERM_KEYS.includes(k));
  if (proposed.errors?.length || !terms || !pending) return proposed;
  const agreed = await app.gql(`mutation ($id: ID!) { agreeContractVariation(variationId: $id) { ${fields} } }`, { id: pending.id }, providerToken);
  return { ...agreed, data: agreed.data ? { varyContract: agreed.data.agreeContractVariation } : agreed.data };
}
