import { Role } from '@mkt/auth';
import { GqlResult, startTestApp, TestApp } from './harness/test-app';

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
});
