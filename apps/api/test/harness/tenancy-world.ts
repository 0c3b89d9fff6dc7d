import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { createOffer, createPublishedOffer, ProviderHandle, registerProvider } from './factories';
import { expectOk, startTestApp, TestApp } from './test-app';

export let app: TestApp;
export const t: Record<string, string> = {}; // tokens
export let p1: ProviderHandle; // north-west provider
export let p2: ProviderHandle; // wales provider
export const ids: Record<string, string> = {};

export const run = (query: string, variables: Record<string, unknown>, token: string | undefined) => app.gql(query, variables, token);

/** The contract's first-quarter performance report, one actual per measure. */
async function submitReport(contract: string, measures: { id: string }[], token: string) {
  return expectOk(
    await run(
      `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id } }`,
      { input: { contractId: contract, period: '2026-27-Q1', narrative: 'Q1', actuals: measures.map((m) => ({ measureId: m.id, value: 0.4 })) } },
      token,
    ),
  ).submitPerformanceReport.id as string;
}

/** A fixed payment on the contract for the first quarter. */
async function recordPayment(contract: string, token: string) {
  return expectOk(
    await run(
      `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
      {
        input: {
          contractId: contract,
          period: '2026-27-Q1',
          kind: 'FIXED',
          amount: '100.00',
          paidOn: '2026-06-30', // in arrears: the period's last day
          reference: 'R1',
          idempotencyKey: randomUUID(),
        },
      },
      token,
    ),
  ).recordPayment.id as string;
}

/** A tier-2 subcontractor on the contract, its identifier and name told apart by side. */
async function declareSubcontractor(side: 'nw' | 'wales', contract: string, token: string) {
  return expectOk(
    await run(
      `mutation ($input: DeclareSubcontractorInput!) { declareSubcontractor(input: $input) { id } }`,
      {
        input: {
          contractId: contract,
          identifier: `GB-CHC-${side === 'nw' ? '9911111' : '9922222'}`,
          name: `Partner ${side}`,
          tier: 2,
          serviceSummary: 'Mentoring',
        },
      },
      token,
    ),
  ).declareSubcontractor.id as string;
}

/** A fixed first-quarter invoice on the contract, numbered by side. */
async function submitInvoice(side: 'nw' | 'wales', contract: string, token: string) {
  return expectOk(
    await run(
      `mutation ($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { id } }`,
      { input: { contractId: contract, period: '2026-27-Q1', kind: 'FIXED', amount: '1.00', invoiceNumber: `T-${side}`, issuedOn: '2026-07-01' } },
      token,
    ),
  ).submitInvoice.id as string;
}

// A proposed no-cost extension, waiting for the provider's answer.
async function proposeExtension(contract: string, token: string) {
  return expectOk(
    await run(
      `mutation ($input: VaryContractInput!) { varyContract(input: $input) { pendingVariation { id } } }`,
      { input: { contractId: contract, expectedVersion: 1, changes: { endDate: '2026-10-31' }, reason: 'Proposed extension' } },
      token,
    ),
  ).varyContract.pendingVariation.id as string;
}

export async function world(side: 'nw' | 'wales', provider: ProviderHandle, commissioner: string, second: string) {
  const region = side === 'nw' ? 'north-west' : 'wales';
  const pdu = side === 'nw' ? 'liverpool-north' : 'gwent';
  const offer = await createPublishedOffer(app, provider, { regionCodes: [region], title: `Published offer ${side}` });
  const draft = await createOffer(app, provider, { regionCodes: [region], title: `Draft offer ${side}` });
  const place = async () =>
    expectOk(
      await run(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
        { input: { offerId: offer.id, pduCode: pdu, quantity: 2, startDate: '2026-04-01', endDate: '2026-09-30', idempotencyKey: randomUUID() } },
        commissioner,
      ),
    ).placeOrder.id as string;
  const order = await place();
  const pending = await place();
  const contract = expectOk(
    await run(`mutation ($id: ID!) { acceptOrder(id: $id) { contract { id outcomeMeasures: id } } }`, { id: order }, provider.token),
  ).acceptOrder.contract.id as string;
  const measures = expectOk(await run(`query ($id: ID!) { contract(id: $id) { outcomeMeasures { id } } }`, { id: contract }, commissioner)).contract
    .outcomeMeasures as { id: string }[];
  const report = await submitReport(contract, measures, provider.token);
  const payment = await recordPayment(contract, second);
  const sub = await declareSubcontractor(side, contract, provider.token);
  const key = side === 'nw' ? '1' : '2';
  const variation = await proposeExtension(contract, commissioner);
  const invoice = await submitInvoice(side, contract, provider.token);
  Object.assign(ids, {
    [`invoice${key}`]: invoice,
    [`offer${key}`]: offer.id,
    [`draft${key}`]: draft.id,
    [`order${key}`]: order,
    [`pending${key}`]: pending,
    [`contract${key}`]: contract,
    [`measure${key}`]: measures[0].id,
    [`report${key}`]: report,
    [`payment${key}`]: payment,
    [`sub${key}`]: sub,
    [`variation${key}`]: variation,
  });
}

/** A fingerprint of everything wales (tenant 2) owns, to prove nothing of it changed. */
export const walesFingerprint = async () =>
  (
    await app.pool.query(
      `
      SELECT md5(string_agg(x, '|' ORDER BY x)) AS f FROM (
        SELECT row_to_json(o)::text AS x FROM organisation o WHERE identifier = $1
        UNION ALL SELECT row_to_json(s)::text FROM service_offer s WHERE provider_id = $2
        UNION ALL SELECT row_to_json(r)::text FROM service_order r WHERE region_code = 'wales'
        UNION ALL SELECT row_to_json(c)::text FROM contract c WHERE region_code = 'wales'
        UNION ALL SELECT row_to_json(p)::text FROM performance_report p JOIN contract c ON c.id = p.contract_id WHERE c.region_code = 'wales'
        UNION ALL SELECT row_to_json(y)::text FROM payment y JOIN contract c ON c.id = y.contract_id WHERE c.region_code = 'wales'
        UNION ALL SELECT row_to_json(b)::text FROM budget b WHERE region_code = 'wales'
        UNION ALL SELECT row_to_json(i)::text FROM invoice i WHERE region_code = 'wales'
        UNION ALL SELECT row_to_json(u)::text FROM subcontractor u JOIN contract c ON c.id = u.contract_id WHERE c.region_code = 'wales'
        UNION ALL SELECT row_to_json(v)::text FROM contract_variation v JOIN contract c ON c.id = v.contract_id WHERE c.region_code = 'wales'
      ) all_rows`,
      [p2.identifier, p2.id],
    )
  ).rows[0].f as string;

export type Expect = 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'ABSENT';
export interface Case {
  op: string;
  /** Callers from tenant 1 (or without the role) and what they must get. */
  as: [string | undefined, Expect][];
  query: string;
  variables: () => Record<string, unknown>;
  /** For ABSENT: the ids that must not appear anywhere in the response. */
  foreign?: () => string[];
}

export const rid = (key: string) => () => ({ id: ids[key] });
export const never =
  (...keys: string[]) =>
  () =>
    keys.map((k) => ids[k]);
export const reason = 'Tenancy probe';

/** Registers the two tenants' worlds (set-up and teardown) in the calling describe block. */
export function useTenancyWorld(): void {
  beforeAll(async () => {
    app = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0' });
    t.admin = await app.token({ roles: [Role.ADMIN], sub: 'admin' });
    t.directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'dir' });
    t.auditor = await app.token({ roles: [Role.AUDITOR], sub: 'aud' });
    t.nw = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'nw-1' });
    t.nw2 = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'nw-2' });
    t.wales = await app.token({ roles: [Role.COMMISSIONER], regions: ['wales'], sub: 'wales-1' });
    t.wales2 = await app.token({ roles: [Role.COMMISSIONER], regions: ['wales'], sub: 'wales-2' });
    for (const regionCode of ['north-west', 'wales']) {
      expectOk(
        await run(
          `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { id } }`,
          { input: { regionCode, financialYear: '2026-27', amount: '100000.00' } },
          t.admin,
        ),
      );
    }
    p1 = await registerProvider(app, { regionCodes: ['north-west'] });
    p2 = await registerProvider(app, { regionCodes: ['wales'] });
    t.p1 = p1.token;
    t.p2 = p2.token;
    await world('nw', p1, t.nw, t.nw2);
    await world('wales', p2, t.wales, t.wales2);
  });
  afterAll(async () => {
    await app?.close();
  });
}
