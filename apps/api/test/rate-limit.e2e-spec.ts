import { Role } from '@mkt/auth';
import { errorCode, GqlResult, startReplica, startTestApp, TestApp } from './harness/test-app';

/**
 * Mutations per caller and minute (RATE_LIMIT_MUTATIONS_PER_MINUTE, here 3): per principal, per IP
 * without a valid token; queries are not counted. Both stores, and two replicas sharing the
 * PostgreSQL one.
 */
const LIMIT = '3';
const VERIFY = `mutation ($id: ID!) { verifyOrganisation(id: $id) { id } }`;
const MISSING = '00000000-0000-4000-8000-000000000000';

/** Windows are whole minutes: start a test early in one, so its hits do not straddle two. */
async function freshWindow(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 50));
}

async function raw(app: TestApp, body: object, token?: string): Promise<Response> {
  return fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

function expectLimited(result: GqlResult): void {
  expect(result.status).toBe(429);
  expect(result.data).toBeUndefined();
  expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
  expect(result.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
}

describe('mutation rate limit (memory store)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_MUTATIONS_PER_MINUTE: LIMIT });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('limits each principal on its own, and never limits queries', async () => {
    await freshWindow();
    const busy = await app.token({ roles: [Role.ADMIN], sub: 'busy-admin' });
    const other = await app.token({ roles: [Role.ADMIN], sub: 'other-admin' });
    for (let i = 0; i < 3; i += 1) expect(errorCode(await app.gql(VERIFY, { id: MISSING }, busy))).toBe('NOT_FOUND');
    const fourth = await app.gql(VERIFY, { id: MISSING }, busy);
    expectLimited(fourth);
    const response = await raw(app, { query: VERIFY, variables: { id: MISSING } }, busy);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Someone else is not affected, and the busy caller can still read.
    expect(errorCode(await app.gql(VERIFY, { id: MISSING }, other))).toBe('NOT_FOUND');
    for (let i = 0; i < 5; i += 1) expect((await app.gql('{ regions { code } }', {}, busy)).errors).toBeUndefined();
  });

  it('counts every mutation field of a document, so aliases do not multiply the allowance', async () => {
    await freshWindow();
    const token = await app.token({ roles: [Role.ADMIN], sub: 'alias-admin' });
    const two = `mutation { a: verifyOrganisation(id: "${MISSING}") { id } b: verifyOrganisation(id: "${MISSING}") { id } }`;
    expect(errorCode(await app.gql(two, {}, token))).toBe('NOT_FOUND');
    // 2 + 2 > 3: the second document is refused as a whole, before either mutation runs.
    expectLimited(await app.gql(two, {}, token));
    const four = `mutation { ${[1, 2, 3, 4].map((i) => `v${i}: verifyOrganisation(id: "${MISSING}") { id }`).join(' ')} }`;
    const fresh = await app.token({ roles: [Role.ADMIN], sub: 'alias-admin-2' });
    expectLimited(await app.gql(four, {}, fresh));
  });

  it('limits callers without a valid token by IP address', async () => {
    await freshWindow();
    for (let i = 0; i < 3; i += 1) expect(errorCode(await app.gql(VERIFY, { id: MISSING }))).toBe('UNAUTHENTICATED');
    expectLimited(await app.gql(VERIFY, { id: MISSING }, 'not-a-token'));
    // A valid token is counted for its principal, not the address.
    const admin = await app.token({ roles: [Role.ADMIN], sub: 'same-address-admin' });
    expect(errorCode(await app.gql(VERIFY, { id: MISSING }, admin))).toBe('NOT_FOUND');
  });
});

describe('mutation rate limit (PostgreSQL store, two replicas)', () => {
  let first: TestApp;
  let second: TestApp;
  const env = { RATE_LIMIT_MUTATIONS_PER_MINUTE: LIMIT, RATE_LIMIT_STORE: 'postgres' };
  beforeAll(async () => {
    first = await startTestApp(env);
    second = await startTestApp(env, { databaseUrl: first.databaseUrl, dataDir: first.dataDir });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('shares one count between replicas', async () => {
    await freshWindow();
    const token = await first.token({ roles: [Role.ADMIN], sub: 'replicated-admin' });
    expect(errorCode(await first.gql(VERIFY, { id: MISSING }, token))).toBe('NOT_FOUND');
    expect(errorCode(await second.gql(VERIFY, { id: MISSING }, token))).toBe('NOT_FOUND');
    expect(errorCode(await first.gql(VERIFY, { id: MISSING }, token))).toBe('NOT_FOUND');
    expectLimited(await second.gql(VERIFY, { id: MISSING }, token));
    expectLimited(await first.gql(VERIFY, { id: MISSING }, token));
    const rows = await first.pool.query(`SELECT hits FROM rate_limit_counter WHERE bucket_key = 'sub:replicated-admin'`);
    expect(rows.rows).toEqual([{ hits: 5 }]);
  });

  it('counts concurrent hits atomically', async () => {
    await freshWindow();
    const token = await first.token({ roles: [Role.ADMIN], sub: 'concurrent-admin' });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? first : second).gql(VERIFY, { id: MISSING }, token)));
    expect(results.filter((r) => errorCode(r) === 'NOT_FOUND')).toHaveLength(3);
    expect(results.filter((r) => errorCode(r) === 'RATE_LIMITED')).toHaveLength(7);
  });

  it('keeps its counters in an UNLOGGED table', async () => {
    const table = await first.pool.query(`SELECT relpersistence FROM pg_class WHERE relname = 'rate_limit_counter'`);
    expect(table.rows[0].relpersistence).toBe('u');
  });

  it('deletes the rows of past windows and keeps the current window', async () => {
    // A replica sweeps with its first counted mutation (then about once a minute): start a fresh one.
    const sweeper = await startReplica(first, env);
    try {
      const token = await first.token({ roles: [Role.ADMIN], sub: 'sweeping-admin' });
      await freshWindow();
      await first.pool.query(
        `INSERT INTO rate_limit_counter (bucket_key, window_start, hits) VALUES
           ('ip:192.0.2.10', date_trunc('minute', clock_timestamp()) - interval '1 minute', 2),
           ('ip:192.0.2.11', date_trunc('minute', clock_timestamp()) - interval '3 days', 7),
           ('ip:192.0.2.12', date_trunc('minute', clock_timestamp()), 1)`,
      );
      expect(errorCode(await sweeper.gql(VERIFY, { id: MISSING }, token))).toBe('NOT_FOUND');
    } finally {
      await sweeper.close();
    }
    const rows = await first.pool.query(
      `SELECT bucket_key, hits FROM rate_limit_counter WHERE bucket_key IN ('ip:192.0.2.10', 'ip:192.0.2.11', 'ip:192.0.2.12', 'sub:sweeping-admin') ORDER BY bucket_key`,
    );
    expect(rows.rows).toEqual([
      { bucket_key: 'ip:192.0.2.12', hits: 1 },
      { bucket_key: 'sub:sweeping-admin', hits: 1 },
    ]);
    const past = await first.pool.query(
      `SELECT count(*)::int AS n FROM rate_limit_counter WHERE window_start < date_trunc('minute', clock_timestamp())`,
    );
    expect(past.rows).toEqual([{ n: 0 }]);
  });
});
