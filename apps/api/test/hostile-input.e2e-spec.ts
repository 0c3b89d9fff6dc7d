import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { awardContract, ContractHandle, declareSubcontractor, setBudget } from './harness/contract-factories';
import { createPublishedOffer, offerInput, ProviderHandle, registerProvider } from './harness/factories';
import { errorCode, expectOk, GqlResult, startTestApp, TestApp } from './harness/test-app';

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
    // The write-bound tests fill lists to their caps: hundreds of mutations by one principal.
    app = await startTestApp({ GRAPHQL_EXECUTOR: 'jit', RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000' });
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
      expect(elapsed).toBeLessThan(1000);
      expect(liveMs).toBeLessThan(1000);
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
      expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'fields' }) })]);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(liveMs).toBeLessThan(1000);
    });
    it('validates a document of 400 fragments spread side by side (pairwise overlap checks) in well under a second', async () => {
      // Within every limit (401 fields): what is left is graphql-js's quadratic overlap check, which
      // it bounds itself (it answers "Validation aborted." past its own budget).
      const spreads = Array.from({ length: 400 }, (_, i) => `...F${i}`).join(' ');
      const fragments = Array.from({ length: 400 }, (_, i) => `fragment F${i} on Region { code }`).join(' ');
      const started = Date.now();
      const { result, liveMs } = await livenessWhile(app.url, app.gql(`{ regions { ${spreads} } } ${fragments}`, {}, admin));
      expect(result.status).toBeLessThan(500);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(liveMs).toBeLessThan(1000);
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
    ])('answers %s with 400 and graphql-js\'s message, as the reference executor does', async (_, query, operationName, message) => {
      const [jit, js] = await both(query, operationName);
      expect(js.status).toBe(400);
      expect(js.errors).toEqual([expect.objectContaining({ message })]);
      expect(jit.status).toBe(js.status);
      expect(jit.errors).toEqual(js.errors);
      expect(jit.errors?.[0].extensions).toEqual({ code: 'OPERATION_RESOLUTION_FAILURE' });
    });

    it('runs the named operation of a several-operation document', async () => {
      const [jit, js] = await both(TWO_OPERATIONS, 'B');
      expect(jit.errors).toBeUndefined();
      expect(jit.data.regions[0]).toEqual({ name: expect.any(String) });
      expect(jit.data).toEqual(js.data);
    });
  });

  describe('hostile values', () => {
    let provider: ProviderHandle;
    let commissioner: string;
    let offerId: string;
    let agreement: ContractHandle;
    let subcontractorId: string;
    beforeAll(async () => {
      await setBudget(app, 'north-west', '2026-27', '100000.00');
      provider = await registerProvider(app);
      commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'hostile-commissioner' });
      offerId = (await createPublishedOffer(app, provider, { unitPrice: '100.00' })).id;
      agreement = await awardContract(app, commissioner, provider, {
        offerId,
        pduCode: 'liverpool-north',
        quantity: 10,
        startDate: '2026-04-01',
        endDate: '2027-03-31',
      });
      subcontractorId = await declareSubcontractor(app, provider, {
        contractId: agreement.id,
        identifier: 'GB-CHC-1234567',
        name: 'Synthetic Tenancy Friends',
        tier: 2,
        serviceSummary: 'Tenancy sustainment visits (synthetic).',
      });
    });

    const count = async (sql: string) => (await app.pool.query(sql)).rows[0].n as number;
    const expectBadInput = (result: GqlResult, field: RegExp) => {
      expect(result.status).toBeLessThan(500);
      expect(result.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(field), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    };
    const createOffer = (overrides: Record<string, unknown>) =>
      app.gql(`mutation ($input: CreateServiceOfferInput!) { createServiceOffer(input: $input) { id } }`, { input: offerInput(overrides) }, provider.token);
    const placeOrder = (overrides: Record<string, unknown>) =>
      app.gql(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
        { input: { offerId, pduCode: 'liverpool-north', quantity: 1, startDate: '2026-05-01', endDate: '2026-10-31', idempotencyKey: randomUUID(), ...overrides } },
        commissioner,
      );
    const vary = (changes: Record<string, unknown>) =>
      app.gql(
        `mutation ($input: VaryContractInput!) { varyContract(input: $input) { id } }`,
        { input: { contractId: agreement.id, expectedVersion: 1, changes, reason: 'Synthetic variation' } },
        commissioner,
      );
    const submitReport = (value: number) =>
      app.gql(
        `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id } }`,
        { input: { contractId: agreement.id, period: agreement.schedule[0].period, actuals: [{ measureId: agreement.measures[0].id, value }], narrative: 'Synthetic numbers.' } },
        provider.token,
      );
    const reportContribution = (value: number) =>
      app.gql(
        `mutation ($input: ReportContributionInput!) { reportSubcontractorContribution(input: $input) { id } }`,
        { input: { contractId: agreement.id, subcontractorId, financialYear: '2026-27', quarter: 1, contributions: [{ measureId: agreement.measures[0].id, value }] } },
        provider.token,
      );

    it('refuses exponent decimals finer than the allowed places in rates, targets, actuals and contributions', async () => {
      const offers = await count(`SELECT count(*)::int AS n FROM service_offer`);
      for (const expectedRate of [1e-7, 1.5e-5]) expectBadInput(await createOffer({ outcomeCommitments: [{ measureCode: 'ACC-03', expectedRate }] }), /expectedRate/);
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
      const read = expectOk(await app.gql(`query ($id: ID!) { serviceOffer(id: $id) { outcomeCommitments { expectedRate } } }`, { id: offer.id }, provider.token));
      expect(read.serviceOffer.outcomeCommitments).toEqual([{ expectedRate: 0.25 }]);
      expect(errorCode(await reportContribution(1e-6))).toBeUndefined();
    });

    it('refuses explicit nulls on optional inputs (BAD_USER_INPUT naming the field), writing nothing', async () => {
      const search = (filter: Record<string, unknown>, first?: unknown) =>
        app.gql(`query ($filter: ServiceOffersFilter, $first: Int) { serviceOffers(filter: $filter, first: $first) { totalCount } }`, { filter, first }, commissioner);
      expectBadInput(await search({ maxUnitPrice: null }), /maxUnitPrice/);
      expectBadInput(await search({ text: null, categories: null }), /text/);
      expectBadInput(await search({}, null), /first/);
      // Where null means "none" it is taken as left out: `after: null` is the first page.
      const firstPage = await app.gql(`query ($after: String) { serviceOffers(first: 5, after: $after) { totalCount } }`, { after: null }, commissioner);
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
        await app.gql(`mutation ($id: ID!, $input: UpdateServiceOfferInput!) { updateServiceOffer(id: $id, input: $input) { id } }`, { id: offerId, input: { unitPrice: null } }, provider.token),
        /unitPrice/,
      );
    });

    it('refuses a lone UTF-16 surrogate in any string variable (400, BAD_USER_INPUT naming the variable), writing nothing', async () => {
      const organisations = await count(`SELECT count(*)::int AS n FROM organisation`);
      const register = (legalName: string) =>
        app.gql(
          `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`,
          { input: { identifier: 'GB-CHC-7654321', legalName, organisationType: 'REGISTERED_CHARITY', incomeBand: 'UNDER_100K', contactEmail: 'a@example.org' } },
          admin,
        );
      for (const lone of ['\ud800', 'x\udfffy', 'ok \ude00\ud83d']) {
        const result = await register(lone);
        expect(result.status).toBe(400);
        expectBadInput(result, /\$input.*legalName.*surrogate/);
      }
      expect(await count(`SELECT count(*)::int AS n FROM organisation`)).toBe(organisations);

      const cases: [string, Record<string, unknown>, string][] = [
        ['query ($filter: ServiceOffersFilter) { serviceOffers(filter: $filter) { totalCount } }', { filter: { text: 'hous\udbffing' } }, commissioner],
        ['query ($identifier: String) { organisation(identifier: $identifier) { id } }', { identifier: '\ud800' }, commissioner],
        ['query ($after: String) { serviceOffers(after: $after) { totalCount } }', { after: '\udc00' }, commissioner],
        ['mutation ($input: CreateServiceOfferInput!) { createServiceOffer(input: $input) { id } }', { input: offerInput({ regionCodes: ['north-west', '\ud800'] }) }, provider.token],
        ['mutation ($id: ID!, $reason: String!) { declineOrder(id: $id, reason: $reason) { id } }', { id: randomUUID(), reason: 'No \ud800 capacity' }, provider.token],
      ];
      for (const [query, variables, token] of cases) {
        const result = await app.gql(query, variables, token);
        expect(result.status).toBe(400);
        expectBadInput(result, /surrogate/);
      }
      // A proper pair (an emoji) is fine.
      const emoji = await app.gql('query ($filter: ServiceOffersFilter) { serviceOffers(filter: $filter) { totalCount } }', { filter: { text: 'home \ud83c\udfe0' } }, commissioner);
      expect(emoji.errors).toBeUndefined();
    });
  
    it('refuses contract dates more than 10 years apart in placeOrder and varyContract (BAD_USER_INPUT), writing nothing', async () => {
      const orders = await count(`SELECT count(*)::int AS n FROM service_order`);
      for (const [startDate, endDate] of [['2026-05-01', '2036-05-01'], ['0001-01-01', '9999-12-31']]) {
        const started = Date.now();
        const result = await placeOrder({ startDate, endDate, reportingPeriod: 'MONTHLY' });
        expectBadInput(result, /endDate.*at most 10 years/);
        expect(Date.now() - started).toBeLessThan(1000);
      }
      expect(await count(`SELECT count(*)::int AS n FROM service_order`)).toBe(orders);
      expectBadInput(await vary({ endDate: '2036-04-01' }), /endDate.*at most 10 years.*2036-03-31/);
      expect(await count(`SELECT count(*)::int AS n FROM contract_version`)).toBe(1);
    });

    it('runs a monthly contract of the full 10 years: 120 periods', async () => {
      const long = await awardContract(app, commissioner, provider, {
        offerId,
        pduCode: 'liverpool-north',
        quantity: 1,
        startDate: '2026-06-01',
        endDate: '2036-05-31',
        reportingPeriod: 'MONTHLY',
      } as Parameters<typeof awardContract>[3]);
      expect(long.schedule).toHaveLength(120);
    });

    /** Runs `write(i)` for i = 0.. until it fails; returns how many succeeded and the failure. */
    async function fillUntilRefused(write: (i: number) => Promise<GqlResult>, most: number): Promise<{ written: number; refused: GqlResult }> {
      for (let i = 0; i < most; i += 1) {
        const result = await write(i);
        if (result.errors) return { written: i, refused: result };
      }
      throw new Error(`nothing was refused after ${most} writes`);
    }

    it('keeps supply-chain quarters within the contract, so funding and contribution lists are bounded', async () => {
      const funding = (financialYear: string, quarter: number) =>
        app.gql(
          `mutation ($input: ReportFundingPassedDownInput!) { reportFundingPassedDown(input: $input) { id } }`,
          { input: { contractId: agreement.id, subcontractorId, financialYear, quarter, amount: '0.00' } },
          provider.token,
        );
      // The agreement runs 2026-04-01 to 2027-03-31: financial year 2026-27 only.
      expectBadInput(await funding('2040-41', 1), /financialYear.*2026-04-01 to 2027-03-31/);
      expectBadInput(await funding('2025-26', 4), /financialYear/);
      expect(await count(`SELECT count(*)::int AS n FROM funding_passed_down`)).toBe(0);
      const contribution = await app.gql(
        `mutation ($input: ReportContributionInput!) { reportSubcontractorContribution(input: $input) { id } }`,
        { input: { contractId: agreement.id, subcontractorId, financialYear: '2099-00', quarter: 2, contributions: [{ measureId: agreement.measures[0].id, value: 1 }] } },
        provider.token,
      );
      expectBadInput(contribution, /financialYear/);
      expect(await count(`SELECT count(*)::int AS n FROM subcontractor_contribution WHERE financial_year <> '2026-27'`)).toBe(0);
    });

    it('declares at most 25 subcontractors on a contract', async () => {
      const declared = await count(`SELECT count(*)::int AS n FROM subcontractor WHERE contract_id = '${agreement.id}'`);
      const { written, refused } = await fillUntilRefused(
        (i) =>
          app.gql(
            `mutation ($input: DeclareSubcontractorInput!) { declareSubcontractor(input: $input) { id } }`,
            { input: { contractId: agreement.id, identifier: `GB-CHC-${5_100_000 + i}`, name: `Synthetic partner ${i}`, tier: 2, serviceSummary: 'Synthetic delivery partner.' } },
            provider.token,
          ),
        40,
      );
      expect(declared + written).toBe(25);
      expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/at most 25 subcontractors/), extensions: { code: 'INVALID_STATE' } });
    });

    it('varies a contract at most 99 times (100 versions) and versions an offer at most 100 times', async () => {
      const varied = await awardContract(app, commissioner, provider, { offerId, pduCode: 'liverpool-north', quantity: 1, startDate: '2026-04-01', endDate: '2027-03-31' });
      const contractWrites = await fillUntilRefused(
        (i) =>
          app.gql(
            `mutation ($input: VaryContractInput!) { varyContract(input: $input) { id } }`,
            { input: { contractId: varied.id, expectedVersion: i + 1, changes: { endDate: i % 2 ? '2027-03-31' : '2027-03-30' }, reason: `Variation ${i}` } },
            commissioner,
          ),
        150,
      );
      expect(contractWrites.written).toBe(99);
      expect(contractWrites.refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/at most 100 versions/), extensions: { code: 'INVALID_STATE' } });
      expect(await count(`SELECT count(*)::int AS n FROM contract_version WHERE contract_id = '${varied.id}'`)).toBe(100);

      const offer = await createPublishedOffer(app, provider);
      const offerWrites = await fillUntilRefused(
        (i) =>
          app.gql(
            `mutation ($id: ID!, $input: UpdateServiceOfferInput!) { updateServiceOffer(id: $id, input: $input) { version } }`,
            { id: offer.id, input: { capacityPerMonth: 20 + (i % 2) } },
            provider.token,
          ),
        150,
      );
      expect(offerWrites.written).toBe(99);
      expect(offerWrites.refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/at most 100 versions/), extensions: { code: 'INVALID_STATE' } });
    });

    it('holds at most 500 entries in a payment ledger', async () => {
      const payer = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'hostile-payer' });
      const { written, refused } = await fillUntilRefused(
        (i) =>
          app.gql(
            `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
            { input: { contractId: agreement.id, period: agreement.schedule[0].period, kind: 'FIXED', amount: '0.01', paidOn: '2026-11-20', reference: `FIN-${i}`, idempotencyKey: randomUUID() } },
            payer,
          ),
        600,
      );
      expect(written).toBe(500);
      expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/at most 500 entries/), extensions: { code: 'INVALID_STATE' } });
    }, 60_000);

    it('keeps the outcome-measure library within 200 measures', async () => {
      const { written, refused } = await fillUntilRefused(
        (i) =>
          app.gql(
            `mutation ($input: CreateOutcomeMeasureInput!) { createOutcomeMeasure(input: $input) { code } }`,
            { input: { code: `SYN-${i}`, name: `Synthetic measure ${i}`, description: 'A synthetic measure.', unit: 'count', direction: 'HIGHER_IS_BETTER', categories: ['ACCOMMODATION'] } },
            admin,
          ),
        300,
      );
      expect(written).toBe(200 - 46);
      expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/at most 200 measures/) });
    }, 30_000);
  });
});
