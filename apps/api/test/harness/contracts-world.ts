import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { varyAndAgree } from './contract-factories';
import { createPublishedOffer, ProviderHandle, registerProvider } from './factories';
import { expectOk, startTestApp, TestApp } from './test-app';

export const CONTRACT_FIELDS = `id version status value { amount } fixedPart { amount } outcomePart { amount }
  earnedToDate { amount } paidToDate { amount } outstanding { amount }
  outcomeMeasures { id code name unit direction baseline target weight }
  schedule { period startDate endDate fixedDue { amount } outcomeAvailable { amount } outcomeEarned { amount }
             fixedPaid { amount } outcomePaid { amount } paid { amount } reportStatus }
  versions { version changedAt changedBy reason } order { id }
  outcomeAchievement { financialYear band score periodsApproved }
  ratings { financialYear rating score periodsApproved }`;

export let app: TestApp;
export let cara: string; // commissioner, north-west: places orders, approves reports
export let colin: string; // second commissioner, north-west: records outcome payments
export let wendy: string; // commissioner, wales
export let directorate: string;
export let provider: ProviderHandle;
export let offerId: string;

export const gql = async (query: string, variables: Record<string, unknown>, token: string) => app.gql(query, variables, token);
export const contractOf = async (id: string, token = cara) =>
  expectOk(await gql(`query ($id: ID!) { contract(id: $id) { ${CONTRACT_FIELDS} } }`, { id }, token)).contract;

/** Places and accepts an order; returns the contract id. */
export async function newContract(input: Record<string, unknown>): Promise<string> {
  const order = expectOk(
    await gql(
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`,
      { input: { offerId, pduCode: 'liverpool-north', idempotencyKey: randomUUID(), ...input } },
      cara,
    ),
  ).placeOrder;
  const accepted = expectOk(
    await gql(`mutation ($id: ID!) { acceptOrder(id: $id) { contract { id } } }`, { id: order.id }, provider.token),
  ).acceptOrder;
  return accepted.contract.id;
}

export const submit = (contractId: string, period: string, actuals: { measureId: string; value: number }[], token = provider.token) =>
  gql(
    `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id status period submissions } }`,
    { input: { contractId, period, actuals, narrative: `Delivery report for ${period}` } },
    token,
  );
export const approve = (id: string, token = cara) =>
  gql(
    `mutation ($id: ID!) { approvePerformanceReport(id: $id) { id status score outcomeEarned { amount } actuals { measureId achievement } } }`,
    { id },
    token,
  );
export const pay = (input: Record<string, unknown>, token = colin) =>
  gql(
    `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id period kind amount { amount } paidOn recordedBy } }`,
    { input: { paidOn: '2026-11-20', reference: 'FIN-0001', idempotencyKey: randomUUID(), ...input } },
    token,
  );
/** A variation by the commissioner; a change of terms is then agreed by the provider (varyAndAgree). */
export const vary = (input: Record<string, unknown>, token = cara, providerToken = provider.token) =>
  varyAndAgree(app, token, providerToken, input as Parameters<typeof varyAndAgree>[3]);

/** Registers the world's setup and teardown in the calling describe block. */
export function useContractsWorld(): void {
  beforeAll(async () => {
    // This world is about contracts: its one provider's running total passes the default scheme of
    // delegation's limits, so its orders go straight to the provider (delegation: award-routes.e2e-spec.ts).
    app = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0', DELEGATION_SCHEME: 'PEER_COMMISSIONER:10000000.00' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    wendy = await app.token({ roles: [Role.COMMISSIONER], regions: ['wales'], sub: 'wendy' });
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'dee' });
    const admin = await app.token({ roles: [Role.ADMIN] });
    for (const financialYear of ['2026-27', '2027-28']) {
      expectOk(
        await gql(
          `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { id } }`,
          { input: { regionCode: 'north-west', financialYear, amount: '500000.00' } },
          admin,
        ),
      );
    }
    provider = await registerProvider(app);
    offerId = (
      await createPublishedOffer(app, provider, {
        unitPrice: '1000.00',
        capacityPerMonth: 1000,
        outcomeCommitments: [
          { measureCode: 'ACC-03', expectedRate: 0.5 },
          { measureCode: 'ACC-06', expectedRate: 0.7 },
        ],
      })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
  });
}
