import { getIntrospectionQuery } from 'graphql';
import { Role } from '@mkt/auth';
import { startIdentityProvider, TestIdentityProvider } from './harness/identity-provider';
import { startTestApp, TestApp } from './harness/test-app';

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
    const enumValue = await app.gql(
      'query ($c: ServiceCategory) { outcomeMeasures(category: $c) { code } }',
      { c: 'ACOMMODATION' },
      token,
    );
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
      { message: 'Internal server error', locations: [{ line: 1, column: 19 }], path: ['organisations'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } },
    ]);
    expect(text).not.toMatch(/organisation_moved|relation|SELECT|stack|\.ts:|\bat /i);

    const logged = app.logs.find((line) => line.msg === 'unexpected error while executing GraphQL' && line.requestId === requestId);
    expect(logged?.err.message).toMatch(/relation "organisation" does not exist/);
    expect(logged?.err.stack).toMatch(/QueryFailedError/);
    const request = app.logs.find((line) => line.msg === 'request' && line.requestId === requestId);
    expect(request).toMatchObject({ principal: 'directorate-analyst', operation: 'query', operationName: 'Providers', errors: ['INTERNAL_SERVER_ERROR'] });
    expect(JSON.stringify(app.logs)).not.toContain(token);
  });
});
