import { getIntrospectionQuery } from 'graphql';
import { AuthClock, Role } from '@mkt/auth';
import { startIdentityProvider, TestIdentityProvider } from './harness/identity-provider';
import { errorCode, GqlResult, startTestApp, TestApp } from './harness/test-app';

/**
 * NODE_ENV=production: introspection off, no "did you mean" hints, no explorer page; unexpected
 * errors masked with a request id, the full error in the log under that id.
 */
describe('production mode', () => {
  let idp: TestIdentityProvider;
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    idp = await startIdentityProvider();
    app = await startTestApp({ NODE_ENV: 'production', ...idp.env }, { captureLogs: true });
    token = await idp.token({ sub: 'directorate-analyst', roles: [Role.DIRECTORATE] });
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  it('accepts tokens from the identity provider only', async () => {
    expect((await app.gql('{ regions { code } }', {}, token)).errors).toBeUndefined();
    const local = await app.token({ roles: [Role.ADMIN] });
    expect((await app.gql('{ regions { code } }', {}, local)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses introspection', async () => {
    for (const query of [getIntrospectionQuery(), '{ __type(name: "Organisation") { fields { name } } }']) {
      const result = await app.gql(query, {}, token);
      expect(result.status).toBe(400);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      expect(result.errors?.[0].message).toMatch(/introspection is not allowed/);
    }
  });

  it('gives no "did you mean" hints in validation or variable errors', async () => {
    const field = await app.gql('{ regionz { code } }', {}, token);
    expect(field.errors?.[0].message).toBe('Cannot query field "regionz" on type "Query".');
    const argument = await app.gql('{ organisations(frist: 5) { totalCount } }', {}, token);
    expect(argument.errors?.[0].message).toBe('Unknown argument "frist" on field "Query.organisations".');
    const enumValue = await app.gql('query ($c: ServiceCategory) { outcomeMeasures(category: $c) { code } }', { c: 'ACOMMODATION' }, token);
    expect(enumValue.errors?.[0]).toMatchObject({
      message: 'Variable "$c" got invalid value "ACOMMODATION"; Value "ACOMMODATION" does not exist in "ServiceCategory" enum.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(JSON.stringify([field, argument, enumValue])).not.toMatch(/Did you mean/);
  });

  it('serves no explorer page', async () => {
    const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('masks an unexpected error as INTERNAL_SERVER_ERROR with a request id; the log has the full error', async () => {
    await app.pool.query('ALTER TABLE organisation RENAME TO organisation_moved');
    let response: Response;
    try {
      response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query Providers { organisations { totalCount } }' }),
      });
    } finally {
      await app.pool.query('ALTER TABLE organisation_moved RENAME TO organisation');
    }
    const text = await response.text();
    const body = JSON.parse(text);
    const requestId = response.headers.get('x-request-id');
    expect(body.errors).toEqual([
      {
        message: 'Internal server error',
        locations: [{ line: 1, column: 19 }],
        path: ['organisations'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
      },
    ]);
    expect(text).not.toMatch(/organisation_moved|relation|SELECT|stack|\.ts:|\bat /i);

    const logged = app.logs.find((line) => line.msg === 'unexpected error while executing GraphQL' && line.requestId === requestId);
    expect(logged?.err.message).toMatch(/relation "organisation" does not exist/);
    expect(logged?.err.stack).toMatch(/QueryFailedError/);
    const request = app.logs.find((line) => line.msg === 'request' && line.requestId === requestId);
    expect(request).toMatchObject({
      principal: 'directorate-analyst',
      operation: 'query',
      operationName: 'Providers',
      errors: ['INTERNAL_SERVER_ERROR'],
    });
    expect(JSON.stringify(app.logs)).not.toContain(token);
  });
});

function expectIdentityProviderUnavailable(result: GqlResult): void {
  expect(result.data).toBeNull();
  expect(result.errors).toEqual([
    {
      message: 'The identity provider cannot be reached to check the token; nothing was done. Try again.',
      locations: expect.any(Array),
      path: expect.any(Array),
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, requestId: result.headers.get('x-request-id') },
    },
  ]);
}

describe('production mode: the identity provider unreachable', () => {
  let idp: TestIdentityProvider;
  let app: TestApp;
  beforeAll(async () => {
    idp = await startIdentityProvider();
    idp.setAvailable(false);
    app = await startTestApp({ NODE_ENV: 'production', ...idp.env });
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  const ready = () => fetch(`${app.url}/health/ready`).then(async (r) => ({ status: r.status, body: await r.json() }));

  it('readiness says which dependency is down; a good token gets a retryable SERVICE_UNAVAILABLE; both recover', async () => {
    const token = await idp.token({ sub: 'directorate-outage', roles: [Role.DIRECTORATE] });
    expect(await ready()).toEqual({ status: 503, body: { status: 'unavailable', database: 'up', identityProvider: 'down' } });
    expectIdentityProviderUnavailable(await app.gql('{ regions { code } }', {}, token));
    // The plain HTTP routes answer the same way.
    const csv = await fetch(`${app.url}/exports/spend.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(503);
    expect(csv.headers.get('retry-after')).toBe('1');
    expect(((await csv.json()) as { error: unknown }).error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    // No token at all needs no key: still UNAUTHENTICATED, as is a token that is not a JWT.
    expect(errorCode(await app.gql('{ regions { code } }'))).toBe('UNAUTHENTICATED');

    idp.setAvailable(true);
    expect(await ready()).toEqual({ status: 200, body: { status: 'ok', database: 'up', identityProvider: 'up' } });
    expect((await app.gql('{ regions { code } }', {}, token)).errors).toBeUndefined();
  });

  it('a key set fetched earlier is used while fresh; once it is due and cannot be fetched, SERVICE_UNAVAILABLE', async () => {
    const token = await idp.token({ sub: 'directorate-cached', roles: [Role.DIRECTORATE] });
    expect((await app.gql('{ regions { code } }', {}, token)).errors).toBeUndefined();
    idp.setAvailable(false);
    const fresh = await idp.token({ sub: 'directorate-fresh', roles: [Role.DIRECTORATE] });
    expect((await app.gql('{ regions { code } }', {}, fresh)).errors).toBeUndefined();
    app.nest.get(AuthClock).advance(61_000); // past AUTH_JWKS_CACHE_SECONDS (60)
    expectIdentityProviderUnavailable(await app.gql('{ regions { code } }', {}, token));
    expectIdentityProviderUnavailable(await app.gql('{ regions { code } }', {}, fresh));
    idp.setAvailable(true);
    expect((await ready()).status).toBe(200);
    expect((await app.gql('{ regions { code } }', {}, token)).errors).toBeUndefined();
  });
});

describe('production mode: signing keys rotate', () => {
  let idp: TestIdentityProvider;
  let app: TestApp;
  let clock: AuthClock;
  const regions = (token: string) => app.gql('{ regions { code } }', {}, token);
  beforeAll(async () => {
    idp = await startIdentityProvider();
    app = await startTestApp({ NODE_ENV: 'production', AUTH_JWKS_CACHE_SECONDS: '60', ...idp.env });
    clock = app.nest.get(AuthClock);
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  it('a key removed from the JWKS stops being trusted once the set is due again, tokens verified late in its life included', async () => {
    await idp.addKey('test-2');
    expect((await regions(await idp.token({ sub: 'first', roles: [Role.AUDITOR] }))).errors).toBeUndefined(); // fetches the set
    clock.advance(50_000);
    // Verified 50 s into the set's 60: taken on trust for 10 s more, not for a minute.
    const rotated = await idp.token({ sub: 'auditor-rotated', roles: [Role.AUDITOR] }, { kid: 'test-2' });
    expect((await regions(rotated)).errors).toBeUndefined();
    idp.removeKey('test-2');
    expect((await regions(rotated)).errors).toBeUndefined(); // the set in hand still has the key
    clock.advance(11_000);
    expect(errorCode(await regions(rotated))).toBe('UNAUTHENTICATED');
    expect(errorCode(await regions(await idp.token({ sub: 'auditor-new', roles: [Role.AUDITOR] }, { kid: 'test-2' })))).toBe('UNAUTHENTICATED');
    expect((await regions(await idp.token({ sub: 'auditor-other', roles: [Role.AUDITOR] }))).errors).toBeUndefined();
  });

  it('a newly added key is trusted at once; unknown key ids fetch the set at most once per cooldown', async () => {
    clock.advance(61_000);
    expect((await regions(await idp.token({ sub: 'warm', roles: [Role.AUDITOR] }))).errors).toBeUndefined(); // fetches the set
    clock.advance(10_001); // past the 10 s cooldown for unknown key ids; the set is still fresh
    const before = idp.jwksRequests;
    await idp.addKey('test-3');
    expect((await regions(await idp.token({ sub: 'auditor-3', roles: [Role.AUDITOR] }, { kid: 'test-3' }))).errors).toBeUndefined();
    expect(idp.jwksRequests).toBe(before + 1);
    // A key the provider never published (a forger's): refused, and it cannot make the app fetch again and again.
    await idp.addKey('forged');
    idp.removeKey('forged');
    for (let i = 0; i < 3; i++) {
      expect(errorCode(await regions(await idp.token({ sub: `forger-${i}`, roles: [Role.ADMIN] }, { kid: 'forged' })))).toBe('UNAUTHENTICATED');
    }
    expect(idp.jwksRequests).toBe(before + 1);
  });

  it('refuses tokens without an expiry, or issued more than a minute in the future', async () => {
    const now = Math.floor(clock.nowMs() / 1000); // the app's clock, moved on by the tests above
    const claims = { sub: 'auditor-claims', roles: [Role.AUDITOR], regions: [] };
    expect(errorCode(await regions(await idp.sign({ ...claims, iat: now })))).toBe('UNAUTHENTICATED');
    expect(errorCode(await regions(await idp.sign({ ...claims, iat: now + 120, exp: now + 600 })))).toBe('UNAUTHENTICATED');
    expect((await regions(await idp.sign({ ...claims, iat: now + 30, exp: now + 600 }))).errors).toBeUndefined();
    expect((await regions(await idp.sign({ ...claims, exp: now + 600 }))).errors).toBeUndefined();
  });
});
