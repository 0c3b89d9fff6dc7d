import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { ContractHandle } from './harness/contract-factories';
import { offerInput, ProviderHandle } from './harness/factories';
import { Agreement, agreementWithSubcontractor, countRows, expectBadInput, placeOrder as placeOrderFor, varyContract } from './harness/hostile';
import { errorCode, expectOk, GqlResult, startTestApp, TestApp } from './harness/test-app';

/**
 * These documents would take tens of seconds (or never finish) if a defence were missing: the
 * bound catches that blowup, and is set well above what a loaded CI machine takes. It is not a
 * speed measurement (the benchmark measures speed: npm run bench).
 */
const BLOWUP_MS = 5000;

/**
 * Hostile documents and values that once blocked the event loop or answered 500: fragment bombs,
 * operation selection, exponent decimals, explicit nulls and lone UTF-16 surrogates. Every one
 * gets a 400-class answer with a stable code, quickly, while the server keeps answering.
 */

/** `fragment F<n> on Region { ...F<n-1> ...F<n-1> }`: 2^levels field nodes once expanded. */
function fragmentBomb(levels: number): string {
  const chain = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Region { ...F${i} ...F${i} }`);
  return `{ regions { ...F${levels} } } fragment F0 on Region { code name } ${chain.join(' ')}`;
}

/** The time until `/health/live` answers, started while `during` is on its way. */
async function livenessWhile<T>(url: string, during: Promise<T>): Promise<{ result: T; liveMs: number; liveStatus: number }> {
  const started = Date.now();
  const live = fetch(`${url}/health/live`).then((response) => ({ status: response.status, ms: Date.now() - started }));
  const [result, probe] = await Promise.all([during, live]);
  return { result, liveMs: probe.ms, liveStatus: probe.status };
}

describe('hostile input', () => {
  let app: TestApp;
  let reference: TestApp;
  let admin: string;
  let referenceAdmin: string;
  beforeAll(async () => {
    app = await startTestApp({ GRAPHQL_EXECUTOR: 'jit' });
    // The reference interpreter, for the answers graphql-js itself gives.
    reference = await startTestApp({ GRAPHQL_EXECUTOR: 'graphql-js' });
    admin = await app.token({ roles: [Role.ADMIN] });
    referenceAdmin = await reference.token({ roles: [Role.ADMIN] });
  });
  afterAll(async () => {
    await app?.close();
    await reference?.close();
  });

  describe('fragment bombs', () => {
    it.each([24, 30])('refuses a %i-level fragment bomb quickly (QUERY_TOO_COMPLEX), /health/live answering meanwhile', async (levels) => {
      const started = Date.now();
      const { result, liveMs, liveStatus } = await livenessWhile(app.url, app.gql(fragmentBomb(levels), {}, admin));
      const elapsed = Date.now() - started;
      expect(result.status).toBe(400);
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'fields', max: 1000 });
      expect(result.errors?.[0].message).toMatch(/^Number of fields \(fragments expanded\) is more than 1000/);
      expect(liveStatus).toBe(200);
      // Bounds, not benchmarks: unrefused, 24 levels blocked the whole process for seconds.
      expect(elapsed).toBeLessThan(BLOWUP_MS);
      expect(liveMs).toBeLessThan(BLOWUP_MS);
    });

    it('refuses a small bomb just past the expanded-field limit, and runs one within it', async () => {
      // 2 fields x 2^8 = 512 expanded fields: allowed; 2^9 = 1024: refused.
      const within = await app.gql(fragmentBomb(8), {}, admin);
      expect(within.errors).toBeUndefined();
      expect(within.data.regions).toHaveLength(12);
      const over = await app.gql(fragmentBomb(9), {}, admin);
      expect(over.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'fields', max: 1000 });
    });

    it('refuses repeated fields that would make overlap validation quadratic, before validating', async () => {
      // 1,200 identical fields in one selection: graphql-js compares every pair of them.
      const wide = `{ regions { ${'code '.repeat(1200)} } }`;
      const started = Date.now();
      const { result, liveMs } = await livenessWhile(app.url, app.gql(wide, {}, admin));
      expect(result.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'fields' }) }),
      ]);
      expect(Date.now() - started).toBeLessThan(BLOWUP_MS);
      expect(liveMs).toBeLessThan(BLOWUP_MS);
    });
    it('validates a document of 400 fragments spread side by side (pairwise overlap checks) without a blowup', async () => {
      // Within every limit (401 fields): what is left is graphql-js's quadratic overlap check, which
      // it bounds itself (it answers "Validation aborted." past its own budget).
      const spreads = Array.from({ length: 400 }, (_, i) => `...F${i}`).join(' ');
      const fragments = Array.from({ length: 400 }, (_, i) => `fragment F${i} on Region { code }`).join(' ');
      const started = Date.now();
      const { result, liveMs } = await livenessWhile(app.url, app.gql(`{ regions { ${spreads} } } ${fragments}`, {}, admin));
      expect(result.status).toBeLessThan(500);
      expect(Date.now() - started).toBeLessThan(BLOWUP_MS);
      expect(liveMs).toBeLessThan(BLOWUP_MS);
    });
  });

  describe('operation selection', () => {
    const TWO_OPERATIONS = 'query A { regions { code } } query B { regions { name } }';

    async function both(query: string, operationName?: string): Promise<[GqlResult, GqlResult]> {
      const post = (url: string, token: string) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, operationName }),
        }).then(async (response) => ({ status: response.status, headers: response.headers, ...((await response.json()) as any) }));
      return Promise.all([post(app.url, admin), post(reference.url, referenceAdmin)]);
    }

    it.each([
      ['several operations and no operationName', TWO_OPERATIONS, undefined, 'Must provide operation name if query contains multiple operations.'],
      ['an unknown operationName', TWO_OPERATIONS, 'C', 'Unknown operation named "C".'],
      ['an operationName naming no operation of a one-operation document', '{ regions { code } }', 'X', 'Unknown operation named "X".'],
    ])("answers %s with 400 and graphql-js's message, as the reference executor does", async (_, query, operationName, message) => {
      const [jit, js] = await both(query, operationName);
      expect(js.status).toBe(400);
      expect(js.errors).toEqual([expect.objectContaining({ message })]);
      expect(jit.status).toBe(js.status);
      expect(jit.errors).toEqual(js.errors);
      expect(jit.errors?.[0].extensions).toEqual({ code: 'OPERATION_RESOLUTION_FAILURE' });
    });

    it('answers a null variable for a non-null argument with a default as BAD_USER_INPUT, on both executors', async () => {
      const query = 'query ($g: [SpendGroupKey!]) { spend(groupBy: $g) { totals { contracts } } }';
      const [jit, js] = await Promise.all([app.gql(query, { g: null }, admin), reference.gql(query, { g: null }, referenceAdmin)]);
      for (const result of [jit, js]) {
        expect(result.errors).toEqual([
          expect.objectContaining({
            message: 'Argument "groupBy" of non-null type "[SpendGroupKey!]!" must not be null.',
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        ]);
      }
    });

    it('runs the named operation of a several-operation document', async () => {
      const [jit, js] = await both(TWO_OPERATIONS, 'B');
      expect(jit.errors).toBeUndefined();
      expect(jit.data.regions[0]).toEqual({ name: expect.any(String) });
      expect(jit.data).toEqual(js.data);
    });
  });

  describe('hostile values', () => {
    let a: Agreement;
    let provider: ProviderHandle;
    let commissioner: string;
    let agreement: ContractHandle;
    beforeAll(async () => {
      a = await agreementWithSubcontractor(app);
      ({ provider, commissioner, contract: agreement } = a);
    });

    const count = (sql: string) => countRows(app, sql);
    const createOffer = (overrides: Record<string, unknown>) =>
      app.gql(
        `mutation ($input: CreateServiceOfferInput!) { createServiceOffer(input: $input) { id } }`,
        { input: offerInput(overrides) },
        provider.token,
      );
    const placeOrder = (overrides: Record<string, unknown>) => placeOrderFor(app, a, overrides);
    const vary = (changes: Record<string, unknown>) => varyContract(app, a, changes);
    const submitReport = (value: number) =>
      app.gql(
        `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id } }`,
        {
          input: {
            contractId: agreement.id,
            period: agreement.schedule[0].period,
            actuals: [{ measureId: agreement.measures[0].id, value }],
            narrative: 'Synthetic numbers.',
          },
        },
        provider.token,
      );
    const reportContribution = (value: number) =>
      app.gql(
        `mutation ($input: ReportContributionInput!) { reportSubcontractorContribution(input: $input) { id } }`,
        {
          input: {
            contractId: agreement.id,
            subcontractorId: a.subcontractorId,
            financialYear: '2026-27',
            quarter: 1,
            contributions: [{ measureId: agreement.measures[0].id, value }],
          },
        },
        provider.token,
      );

    it('refuses exponent decimals finer than the allowed places in rates, targets, actuals and contributions', async () => {
      const offers = await count(`SELECT count(*)::int AS n FROM service_offer`);
      for (const expectedRate of [1e-7, 1.5e-5])
        expectBadInput(await createOffer({ outcomeCommitments: [{ measureCode: 'ACC-03', expectedRate }] }), /expectedRate/);
      expect(await count(`SELECT count(*)::int AS n FROM service_offer`)).toBe(offers);

      const orders = await count(`SELECT count(*)::int AS n FROM service_order`);
      expectBadInput(await placeOrder({ outcomeTargets: [{ measureCode: 'ACC-03', target: 1e-7 }] }), /target/);
      expectBadInput(await placeOrder({ outcomeTargets: [{ measureCode: 'ACC-03', target: 1, baseline: 2.5e-7 }] }), /baseline/);
      expect(await count(`SELECT count(*)::int AS n FROM service_order`)).toBe(orders);

      expectBadInput(await vary({ outcomeMeasures: [{ id: agreement.measures[0].id, target: 1e-7 }] }), /target/);
      expectBadInput(await submitReport(1e-7), /value/);
      expectBadInput(await reportContribution(3e-9), /value/);
      expect(await count(`SELECT count(*)::int AS n FROM performance_report`)).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM contract_version`)).toBe(1);
    });

    it('accepts exponent notation that is within the allowed places (JSON numbers carry no notation)', async () => {
      const offer = expectOk(await createOffer({ outcomeCommitments: [{ measureCode: 'ACC-03', expectedRate: 2.5e-1 }] })).createServiceOffer;
      const read = expectOk(
        await app.gql(`query ($id: ID!) { serviceOffer(id: $id) { outcomeCommitments { expectedRate } } }`, { id: offer.id }, provider.token),
      );
      expect(read.serviceOffer.outcomeCommitments).toEqual([{ expectedRate: 0.25 }]);
      expect(errorCode(await reportContribution(1e-6))).toBeUndefined();
    });

    it('refuses explicit nulls on optional inputs (BAD_USER_INPUT naming the field), writing nothing', async () => {
      const search = (filter: Record<string, unknown>, first?: unknown) =>
        app.gql(
          `query ($filter: ServiceOffersFilter, $first: Int) { serviceOffers(filter: $filter, first: $first) { totalCount } }`,
          { filter, first },
          commissioner,
        );
      expectBadInput(await search({ maxUnitPrice: null }), /maxUnitPrice/);
      expectBadInput(await search({ text: null, categories: null }), /text/);
      expectBadInput(await search({}, null), /first/);
      // A top-level argument with a default: null would override it (recentContracts answered []).
      expectBadInput(
        await app.gql(
          'query ($id: String, $n: Int) { organisation(identifier: $id) { recentContracts(first: $n) { id } } }',
          { id: provider.identifier, n: null },
          commissioner,
        ),
        /first/,
      );
      // Where null means "none" it is taken as left out: `after: null` is the first page.
      const firstPage = await app.gql(
        `query ($after: String) { serviceOffers(first: 5, after: $after) { totalCount } }`,
        { after: null },
        commissioner,
      );
      expect(firstPage.errors).toBeUndefined();
      expect(firstPage.data.serviceOffers.totalCount).toBeGreaterThan(0);

      const orders = await count(`SELECT count(*)::int AS n FROM service_order`);
      for (const field of ['outcomeSharePercent', 'reportingPeriod', 'awardRationale', 'outcomeTargets']) {
        expectBadInput(await placeOrder({ [field]: null }), new RegExp(field));
      }
      expectBadInput(await placeOrder({ outcomeTargets: [{ measureCode: 'ACC-03', target: 1, baseline: null }] }), /baseline/);
      expect(await count(`SELECT count(*)::int AS n FROM service_order`)).toBe(orders);

      expectBadInput(await vary({ value: null }), /value/);
      expectBadInput(await vary({ outcomeMeasures: [{ id: agreement.measures[0].id, target: null }] }), /target/);
      expect(await count(`SELECT count(*)::int AS n FROM contract_version`)).toBe(1);
      expectBadInput(
        await app.gql(
          `mutation ($id: ID!, $input: UpdateServiceOfferInput!) { updateServiceOffer(id: $id, input: $input) { id } }`,
          { id: a.offerId, input: { unitPrice: null } },
          provider.token,
        ),
        /unitPrice/,
      );
    });

    it('refuses a lone UTF-16 surrogate in any string variable (400, BAD_USER_INPUT naming the variable), writing nothing', async () => {
      const organisations = await count(`SELECT count(*)::int AS n FROM organisation`);
      const register = (legalName: string) =>
        app.gql(
          `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`,
          {
            input: {
              identifier: 'GB-CHC-7654321',
              legalName,
              organisationType: 'REGISTERED_CHARITY',
              incomeBand: 'UNDER_100K',
              contactEmail: 'a@example.org',
            },
          },
          admin,
        );
      for (const lone of ['\ud800', 'x\udfffy', 'ok \ude00\ud83d']) {
        const result = await register(lone);
        expect(result.status).toBe(400);
        expectBadInput(result, /\$input.*legalName.*surrogate/);
      }
      expect(await count(`SELECT count(*)::int AS n FROM organisation`)).toBe(organisations);

      const cases: [string, Record<string, unknown>, string][] = [
        [
          'query ($filter: ServiceOffersFilter) { serviceOffers(filter: $filter) { totalCount } }',
          { filter: { text: 'hous\udbffing' } },
          commissioner,
        ],
        ['query ($identifier: String) { organisation(identifier: $identifier) { id } }', { identifier: '\ud800' }, commissioner],
        ['query ($after: String) { serviceOffers(after: $after) { totalCount } }', { after: '\udc00' }, commissioner],
        [
          'mutation ($input: CreateServiceOfferInput!) { createServiceOffer(input: $input) { id } }',
          { input: offerInput({ regionCodes: ['north-west', '\ud800'] }) },
          provider.token,
        ],
        [
          'mutation ($id: ID!, $reason: String!) { declineOrder(id: $id, reason: $reason) { id } }',
          { id: randomUUID(), reason: 'No \ud800 capacity' },
          provider.token,
        ],
      ];
      for (const [query, variables, token] of cases) {
        const result = await app.gql(query, variables, token);
        expect(result.status).toBe(400);
        expectBadInput(result, /surrogate/);
      }
      // A proper pair (an emoji) is fine.
      const emoji = await app.gql(
        'query ($filter: ServiceOffersFilter) { serviceOffers(filter: $filter) { totalCount } }',
        { filter: { text: 'home \ud83c\udfe0' } },
        commissioner,
      );
      expect(emoji.errors).toBeUndefined();
    });
  });
});
