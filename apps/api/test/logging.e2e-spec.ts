import { Role } from '@mkt/auth';
import { registerProvider } from './harness/factories';
import { startTestApp, TestApp } from './harness/test-app';

/**
 * One JSON line per request with request id, principal, operation and duration; unexpected errors
 * logged in full under the id the client was given; tokens never logged (at the most verbose level);
 * the pool's own events are not logged under the id of the request that opened the connection.
 */
describe('logs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOG_LEVEL: 'trace' }, { captureLogs: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = (query: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query }),
    });

  it('writes one line per request with id, principal, operation, status and duration', async () => {
    const token = await app.token({ roles: [Role.COMMISSIONER], regions: ['wales'], sub: 'commissioner-wales-1' });
    const response = await call('query RegionList { regions { code } }', token, { 'x-request-id': 'client-chosen-id-42' });
    expect(response.headers.get('x-request-id')).toBe('client-chosen-id-42');
    await response.json();
    const line = app.logs.find((l) => l.msg === 'request' && l.requestId === 'client-chosen-id-42');
    expect(line).toMatchObject({
      level: 30,
      service: 'nps-marketplace-api',
      method: 'POST',
      path: '/graphql',
      status: 200,
      principal: 'commissioner-wales-1',
      operation: 'query',
      operationName: 'RegionList',
      sqlStatements: expect.any(Number),
    });
    expect(line?.ms).toEqual(expect.any(Number));
    expect(typeof line?.time).toBe('string');
  });

  it('masks an unexpected error with a request id and logs the full error under it', async () => {
    const token = await app.token({ roles: [Role.ADMIN], sub: 'admin-logs' });
    await app.pool.query('ALTER TABLE organisation RENAME TO organisation_moved');
    let response: Response;
    try {
      response = await call('{ organisations { totalCount } }', token);
    } finally {
      await app.pool.query('ALTER TABLE organisation_moved RENAME TO organisation');
    }
    const text = await response.text();
    const error = JSON.parse(text).errors[0];
    expect(error).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(error.extensions.requestId).toBe(response.headers.get('x-request-id'));
    expect(Object.keys(error.extensions)).toEqual(['code', 'requestId']);
    expect(text).not.toMatch(/relation|SELECT|stack|QueryFailed|node_modules/i);
    const logged = app.logs.find((l) => l.msg === 'unexpected error while executing GraphQL' && l.requestId === error.extensions.requestId);
    expect(logged).toMatchObject({ level: 50, path: ['organisations'] });
    expect(logged?.err.stack).toMatch(/relation "organisation" does not exist/);
  });

  it('never writes a bearer token or Authorization header, whatever happens to the request', async () => {
    const valid = await app.token({ roles: [Role.ADMIN], sub: 'admin-secret-test' });
    const provider = await registerProvider(app);
    const forged = valid.slice(0, -4) + 'AAAA';
    const calls = [
      call('{ regions { code } }', valid),
      call('{ regions { code } }', forged),
      call('{ organisations { edges { node { id } } } }', provider.token),
      call('mutation { verifyOrganisation(id: "not-a-uuid") { id } }', valid),
      call('{ regionz }', valid),
      call('{ regions { code ', valid),
      fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${valid}` },
        body: '{"query":',
      }),
      fetch(`${app.url}/health/ready`, { headers: { authorization: `Bearer ${valid}` } }),
      fetch(`${app.url}/nowhere`, { headers: { authorization: `Bearer ${valid}`, cookie: `session=${valid}` } }),
    ];
    for (const response of await Promise.all(calls)) await response.text();
    const everything = JSON.stringify(app.logs);
    expect(app.logs.length).toBeGreaterThan(20);
    for (const secret of [valid, forged, provider.token, valid.split('.')[2]]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/bearer\s+[a-z0-9]/i);
  });
  it("logs an idle connection's failure as the pool's, not under the id of the request that opened it", async () => {
    const token = await app.token({ roles: [Role.ADMIN], sub: 'admin-pool' });
    // At once, so the pool opens new connections while serving these requests.
    const responses = await Promise.all(Array.from({ length: 6 }, () => call('{ organisations(first: 1) { totalCount } }', token)));
    for (const response of responses) expect(response.status).toBe(200);
    const database = new URL(app.databaseUrl).pathname.slice(1);
    const ended = await app.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'mkt-api' AND state = 'idle'`,
      [database],
    );
    expect(ended.rowCount).toBeGreaterThan(1);
    const failures = () => app.logs.filter((line) => line.level === 40 && /terminating connection/.test(JSON.stringify(line)));
    // Each idle connection reports its end as the server's message arrives.
    for (let tries = 0; failures().length < ended.rowCount! && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(failures()).toHaveLength(ended.rowCount!);
    expect(failures().filter((line) => line.requestId !== undefined)).toEqual([]);
    // The pool replaces them.
    expect((await call('{ organisations(first: 1) { totalCount } }', token)).status).toBe(200);
  });
});
