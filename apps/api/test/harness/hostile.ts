import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { awardContract, ContractHandle, declareSubcontractor, setBudget, varyAndAgree } from './contract-factories';
import { createPublishedOffer, ProviderHandle, registerProvider } from './factories';
import { GqlResult, TestApp } from './test-app';

/** A running contract (north-west, 2026-04-01 to 2027-03-31, quarterly) with one tier 2 subcontractor, for the hostile-input tests. */
export interface Agreement {
  provider: ProviderHandle;
  commissioner: string;
  offerId: string;
  contract: ContractHandle;
  subcontractorId: string;
}

export async function agreementWithSubcontractor(app: TestApp, sub = 'hostile-commissioner'): Promise<Agreement> {
  await setBudget(app, 'north-west', '2026-27', '100000.00');
  const provider = await registerProvider(app);
  const commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub });
  const offerId = (await createPublishedOffer(app, provider, { unitPrice: '100.00' })).id;
  const contract = await awardContract(app, commissioner, provider, {
    offerId,
    pduCode: 'liverpool-north',
    quantity: 10,
    startDate: '2026-04-01',
    endDate: '2027-03-31',
  });
  const subcontractorId = await declareSubcontractor(app, provider, {
    contractId: contract.id,
    identifier: 'GB-CHC-1234567',
    name: 'Synthetic Tenancy Friends',
    tier: 2,
    serviceSummary: 'Tenancy sustainment visits (synthetic).',
  });
  return { provider, commissioner, offerId, contract, subcontractorId };
}

export async function countRows(app: TestApp, sql: string): Promise<number> {
  return (await app.pool.query(sql)).rows[0].n as number;
}

/** One BAD_USER_INPUT error whose message matches `field`, and no server error. */
export function expectBadInput(result: GqlResult, field: RegExp): void {
  expect(result.status).toBeLessThan(500);
  expect(result.errors).toEqual([
    expect.objectContaining({ message: expect.stringMatching(field), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
  ]);
}

/** placeOrder on the agreement's offer and PDU (May to October 2026 unless overridden). */
export function placeOrder(app: TestApp, a: Agreement, overrides: Record<string, unknown>): Promise<GqlResult> {
  return app.gql(
    `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
    {
      input: {
        offerId: a.offerId,
        pduCode: 'liverpool-north',
        quantity: 1,
        startDate: '2026-05-01',
        endDate: '2026-10-31',
        idempotencyKey: randomUUID(),
        ...overrides,
      },
    },
    a.commissioner,
  );
}

/** A variation by the agreement's commissioner, agreed by its provider when it changes terms (varyAndAgree). */
export function varyContract(
  app: TestApp,
  a: Agreement,
  changes: Record<string, unknown>,
  contractId = a.contract.id,
  expectedVersion = 1,
): Promise<GqlResult> {
  return varyAndAgree(app, a.commissioner, a.provider.token, { contractId, expectedVersion, changes, reason: 'Synthetic variation' }, 'id');
}
