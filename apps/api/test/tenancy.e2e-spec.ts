import { randomUUID } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Role } from '@mkt/auth';
import { createOffer, createPublishedOffer, ProviderHandle, registerProvider } from './harness/factories';
import { errorCode, expectOk, GqlResult, startTestApp, TestApp } from './harness/test-app';

/**
 * The tenancy matrix: for every query and mutation, callers of one region or organisation try the
 * records of another. Nothing foreign is returned or changed, nested fields included. The matrix
 * must name every operation in the schema, so a new operation cannot skip it.
 */
describe('tenancy matrix', () => {
  let app: TestApp;
  const t: Record<string, string> = {}; // tokens
  let p1: ProviderHandle; // north-west provider
  let p2: ProviderHandle; // wales provider
  const ids: Record<string, string> = {};

  const run = (query: string, variables: Record<string, unknown>, token: string | undefined) => app.gql(query, variables, token);

  async function world(side: 'nw' | 'wales', provider: ProviderHandle, commissioner: string, second: string) {
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
    const report = expectOk(
      await run(
        `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id } }`,
        { input: { contractId: contract, period: '2026-27-Q1', narrative: 'Q1', actuals: measures.map((m) => ({ measureId: m.id, value: 0.4 })) } },
        provider.token,
      ),
    ).submitPerformanceReport.id as string;
    const payment = expectOk(
      await run(
        `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
        {
          input: {
            contractId: contract,
            period: '2026-27-Q1',
            kind: 'FIXED',
            amount: '100.00',
            paidOn: '2026-06-01',
            reference: 'R1',
            idempotencyKey: randomUUID(),
          },
        },
        second,
      ),
    ).recordPayment.id as string;
    const sub = expectOk(
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
        provider.token,
      ),
    ).declareSubcontractor.id as string;
    const key = side === 'nw' ? '1' : '2';
    Object.assign(ids, {
      [`offer${key}`]: offer.id,
      [`draft${key}`]: draft.id,
      [`order${key}`]: order,
      [`pending${key}`]: pending,
      [`contract${key}`]: contract,
      [`measure${key}`]: measures[0].id,
      [`report${key}`]: report,
      [`payment${key}`]: payment,
      [`sub${key}`]: sub,
    });
  }

  /** A fingerprint of everything wales (tenant 2) owns, to prove nothing of it changed. */
  const walesFingerprint = async () =>
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
          UNION ALL SELECT row_to_json(u)::text FROM subcontractor u JOIN contract c ON c.id = u.contract_id WHERE c.region_code = 'wales'
        ) all_rows`,
        [p2.identifier, p2.id],
      )
    ).rows[0].f as string;

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

  type Expect = 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'ABSENT';
  interface Case {
    op: string;
    /** Callers from tenant 1 (or without the role) and what they must get. */
    as: [string | undefined, Expect][];
    query: string;
    variables: () => Record<string, unknown>;
    /** For ABSENT: the ids that must not appear anywhere in the response. */
    foreign?: () => string[];
  }

  const rid = (key: string) => () => ({ id: ids[key] });
  const never =
    (...keys: string[]) =>
    () =>
      keys.map((k) => ids[k]);
  const reason = 'Tenancy probe';

  const CASES: Case[] = [
    // ---- queries ----
    {
      op: 'organisation',
      as: [
        ['p1', 'NOT_FOUND'],
        [undefined, 'UNAUTHENTICATED'],
      ],
      query: `query ($id: ID!) { organisation(id: $id) { id } }`,
      variables: () => ({ id: p2.id }),
    },
    {
      op: 'organisations',
      as: [['p1', 'ABSENT']],
      query: `{ organisations(first: 100) { edges { node { id } } } }`,
      variables: () => ({}),
      foreign: () => [p2.id],
    },
    {
      op: 'serviceOffer',
      as: [
        ['p1', 'NOT_FOUND'],
        ['nw', 'NOT_FOUND'],
        ['directorate', 'NOT_FOUND'],
      ],
      query: `query ($id: ID!) { serviceOffer(id: $id) { id } }`,
      variables: rid('draft2'),
    },
    {
      op: 'serviceOffers',
      as: [
        ['p1', 'ABSENT'],
        ['nw', 'ABSENT'],
      ],
      query: `{ serviceOffers(first: 100) { edges { node { id } } } }`,
      variables: () => ({}),
      foreign: never('draft2'),
    },
    {
      op: 'serviceOffers',
      as: [['p1', 'ABSENT']],
      query: `{ serviceOffers(first: 100) { edges { node { id } } } }`,
      variables: () => ({}),
      foreign: never('offer2'),
    },
    {
      op: 'order',
      as: [
        ['nw', 'NOT_FOUND'],
        ['p1', 'NOT_FOUND'],
        ['admin', 'NOT_FOUND'],
      ],
      query: `query ($id: ID!) { order(id: $id) { id } }`,
      variables: rid('order2'),
    },
    {
      op: 'orders',
      as: [
        ['nw', 'ABSENT'],
        ['p1', 'ABSENT'],
        ['admin', 'ABSENT'],
      ],
      query: `{ orders(first: 100) { edges { node { id } } } }`,
      variables: () => ({}),
      foreign: never('order2', 'pending2'),
    },
    {
      op: 'contract',
      as: [
        ['nw', 'NOT_FOUND'],
        ['p1', 'NOT_FOUND'],
        ['admin', 'NOT_FOUND'],
      ],
      query: `query ($id: ID!) { contract(id: $id) { id } }`,
      variables: rid('contract2'),
    },
    {
      op: 'contracts',
      as: [
        ['nw', 'ABSENT'],
        ['p1', 'ABSENT'],
      ],
      query: `{ contracts(first: 100) { edges { node { id } } } }`,
      variables: () => ({}),
      foreign: never('contract2'),
    },
    { op: 'budgets', as: [['p1', 'FORBIDDEN']], query: `{ budgets { id } }`, variables: () => ({}) },
    { op: 'budgets', as: [['nw', 'ABSENT']], query: `{ budgets { id regionCode } }`, variables: () => ({}), foreign: () => ['wales'] },
    {
      op: 'auditEvents',
      as: [
        ['nw', 'FORBIDDEN'],
        ['p1', 'FORBIDDEN'],
        ['directorate', 'FORBIDDEN'],
      ],
      query: `{ auditEvents(first: 1) { totalCount } }`,
      variables: () => ({}),
    },
    { op: 'regions', as: [[undefined, 'UNAUTHENTICATED']], query: `{ regions { code } }`, variables: () => ({}) },
    { op: 'outcomeMeasures', as: [[undefined, 'UNAUTHENTICATED']], query: `{ outcomeMeasures { code } }`, variables: () => ({}) },
    // Nested: a commissioner sees wales' published offer but not wales' contracts through its provider.
    {
      op: 'serviceOffers',
      as: [['nw', 'ABSENT']],
      query: `{ serviceOffers(first: 100) { edges { node { id provider { id recentContracts(first: 20) { id order { id } } } } } } }`,
      variables: () => ({}),
      foreign: never('contract2', 'order2'),
    },
    // Property level: a provider sees its order but not the budget it draws on.
    { op: 'order', as: [['p1', 'FORBIDDEN']], query: `query ($id: ID!) { order(id: $id) { id budget { id } } }`, variables: rid('order1') },

    // Spend: commissioners see their regions only; providers none of it.
    {
      op: 'spend',
      as: [
        ['p1', 'FORBIDDEN'],
        ['admin', 'FORBIDDEN'],
      ],
      query: `{ spend(groupBy: [REGION]) { totals { contracts } } }`,
      variables: () => ({}),
    },
    {
      op: 'spend',
      as: [['nw', 'ABSENT']],
      query: `{ spend(groupBy: [REGION, PROVIDER]) { rows { regionCode providerId } } }`,
      variables: () => ({}),
      foreign: () => ['wales', p2.id],
    },
    { op: 'spendInclusion', as: [['p1', 'FORBIDDEN']], query: `{ spendInclusion { totals { providersFunded } } }`, variables: () => ({}) },
    {
      op: 'spendInclusion',
      as: [['nw', 'ABSENT']],
      query: `{ spendInclusion { rows { regionCode } } }`,
      variables: () => ({}),
      foreign: () => ['wales'],
    },
    {
      op: 'sustainabilityGap',
      as: [['p1', 'FORBIDDEN']],
      query: `{ sustainabilityGap(groupBy: [REGION]) { totals { contracts } } }`,
      variables: () => ({}),
    },
    {
      op: 'sustainabilityGap',
      as: [['nw', 'ABSENT']],
      query: `{ sustainabilityGap(groupBy: [REGION, PROVIDER]) { rows { regionCode providerId } } }`,
      variables: () => ({}),
      foreign: () => ['wales', p2.id],
    },
    { op: 'underpricedOffers', as: [['p1', 'FORBIDDEN']], query: `{ underpricedOffers(first: 10) { totalCount } }`, variables: () => ({}) },
    {
      op: 'costPerOutcome',
      as: [
        ['p1', 'FORBIDDEN'],
        ['admin', 'FORBIDDEN'],
      ],
      query: `{ costPerOutcome { measureCode } }`,
      variables: () => ({}),
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

  it('names every query and mutation of the schema', () => {
    const schema = app.nest.get(GraphQLSchemaHost).schema;
    const operations = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    const covered = new Set(CASES.map((c) => c.op));
    expect(operations.filter((op) => !covered.has(op))).toEqual([]);
  });

  it('returns and changes nothing foreign, for every operation and role', async () => {
    const before = await walesFingerprint();
    const failures: string[] = [];
    for (const c of CASES) {
      for (const [who, expected] of c.as) {
        const result: GqlResult = await run(c.query, c.variables(), who ? t[who] : undefined);
        const body = JSON.stringify(result.data ?? null);
        if (expected === 'ABSENT') {
          const leaked = c.foreign!().filter((id) => body.includes(id));
          if (result.errors?.length || leaked.length)
            failures.push(`${c.op} as ${who}: ${result.errors ? errorCode(result) : `leaked ${leaked.join(', ')}`}`);
        } else {
          const code = errorCode(result);
          const leaked = Object.values(ids).filter((id) => id.length > 10 && body.includes(id) && !JSON.stringify(c.variables()).includes(id));
          if (code !== expected || leaked.length)
            failures.push(`${c.op} as ${who ?? 'anonymous'}: expected ${expected}, got ${code ?? 'success'} ${leaked.join(',')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await walesFingerprint()).toBe(before);
  });

  it('still lets each tenant reach its own records (the probes above were not vacuous)', async () => {
    expect(expectOk(await run(`query ($id: ID!) { contract(id: $id) { id } }`, { id: ids.contract2 }, t.wales)).contract.id).toBe(ids.contract2);
    expect(expectOk(await run(`query ($id: ID!) { order(id: $id) { id } }`, { id: ids.order2 }, t.p2)).order.id).toBe(ids.order2);
    expect(expectOk(await run(`query ($id: ID!) { serviceOffer(id: $id) { id } }`, { id: ids.draft2 }, t.p2)).serviceOffer.id).toBe(ids.draft2);
    const nested = expectOk(
      await run(`{ serviceOffers(first: 100) { edges { node { provider { recentContracts(first: 20) { id } } } } } }`, {}, t.directorate),
    );
    expect(JSON.stringify(nested)).toContain(ids.contract2);
    expect(
      expectOk(await run(`query ($id: ID!) { order(id: $id) { budget { regionCode } } }`, { id: ids.order2 }, t.wales)).order.budget.regionCode,
    ).toBe('wales');
  });
});
