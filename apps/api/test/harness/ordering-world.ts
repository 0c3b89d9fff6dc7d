import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { createPublishedOffer, ProviderHandle, registerProvider } from './factories';
import { expectOk, startTestApp, TestApp } from './test-app';

export const ORDER_FIELDS = `id status total { amount } unitPrice { amount } quantity financialYear regionCode pduCode offerVersion
  outcomeTargets { measureCode target baseline weight direction } outcomeSharePercent reportingPeriod awardRationale
  conflictOfInterestDeclared placedBy responseDueAt`;
export const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER_FIELDS} } }`;
export const BUDGETS = `query ($filter: BudgetsFilter) { budgets(filter: $filter) {
  id regionCode financialYear category allocated { amount } reserved { amount } committed { amount } remaining { amount } } }`;

export let app: TestApp;
export let admin: string;
export let directorate: string;
export let cara: string; // commissioner, north-west
export let colin: string; // second commissioner, north-west
export let wendy: string; // commissioner, wales
export let provider: ProviderHandle;
export let offerId: string;

export const setBudget = async (amount: string, extra: Record<string, unknown> = {}, token = directorate) =>
  app.gql(
    `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { id allocated { amount } remaining { amount } category } }`,
    { input: { regionCode: 'north-west', financialYear: '2026-27', amount, ...extra } },
    token,
  );
export const budget = async (category: string | null = null) => {
  const all = expectOk(await app.gql(BUDGETS, { filter: { financialYears: ['2026-27'], regionCodes: ['north-west'] } }, directorate)).budgets;
  return all.find((b: { category: string | null }) => b.category === category);
};
export const place = (overrides: Record<string, unknown> = {}, token = cara) =>
  app.gql(
    PLACE,
    {
      input: {
        offerId,
        pduCode: 'liverpool-north',
        quantity: 10,
        startDate: '2026-05-01',
        endDate: '2026-07-31',
        idempotencyKey: randomUUID(),
        ...overrides,
      },
    },
    token,
  );
export const act = (mutation: string, id: string, token: string, reason?: string) =>
  app.gql(
    `mutation ($id: ID!${reason ? ', $reason: String!' : ''}) { ${mutation}(id: $id${reason ? ', reason: $reason' : ''}) { id status contract { id } } }`,
    reason ? { id, reason } : { id },
    token,
  );

/** Registers the world's setup and teardown in the calling describe block. */
export function useOrderingWorld(): void {
  beforeAll(async () => {
    app = await startTestApp({ ORDER_APPROVAL_THRESHOLD: '25000.00', ORDER_RESPONSE_DAYS: '10', ORDER_EXPIRY_SWEEP_SECONDS: '0' });
    admin = await app.token({ roles: [Role.ADMIN] });
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dee' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    wendy = await app.token({ roles: [Role.COMMISSIONER], regions: ['wales'], sub: 'wendy' });
    provider = await registerProvider(app, { regionCodes: ['north-west'] });
    offerId = (
      await createPublishedOffer(app, provider, {
        unitPrice: '850.00',
        capacityPerMonth: 20,
        outcomeCommitments: [
          { measureCode: 'ACC-03', expectedRate: 0.5 },
          { measureCode: 'ACC-06', expectedRate: 0.7 },
          { measureCode: 'ACC-08', expectedRate: 0.6 },
        ],
      })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
  });
}
