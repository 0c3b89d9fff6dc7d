import { Role } from '@mkt/auth';
import { startTestApp, TestApp } from './harness/test-app';

/**
 * HTTP-level defences: body limit, batching off, GET for queries only, CSRF prevention, security
 * headers, CORS (none by default; only listed origins when CORS_ORIGINS is set).
 */
describe('HTTP defences', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp({ BODY_LIMIT: '64kb' });
    token = await app.token({ roles: [Role.ADMIN] });
  });
  afterAll(async () => {
    await app?.close();
  });

  const json = (response: Response): Promise<any> => response.json();
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${app.url}/graphql`, { method: 'POST', headers, body });

  it('answers a body over BODY_LIMIT with 413 and a JSON error, and a smaller one normally', async () => {
    const big = await post(JSON.stringify({ query: '{ regions { code } }', variables: { pad: 'x'.repeat(70 * 1024) } }));
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json(big)).toEqual({
      errors: [{ message: 'The request body is larger than 65536 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    const small = await post(JSON.stringify({ query: '{ regions { code } }', variables: { pad: 'x'.repeat(60 * 1024) } }), {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    });
    expect(small.status).toBe(200);
  });

  it('answers malformed JSON and unsupported charsets with JSON errors, no parser detail', async () => {
    const malformed = await post('{"query": "{ regions { code } }"');
    expect(malformed.status).toBe(400);
    expect(await json(malformed)).toEqual({
      errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
    const latin1 = await post('{}', { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    expect((await json(latin1)).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses batched requests', async () => {
    const response = await post(JSON.stringify([{ query: '{ regions { code } }' }, { query: '{ regions { name } }' }]));
    expect(response.status).toBe(400);
    expect((await json(response)).errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
  });

  it('serves queries over GET but refuses a mutation over GET with 405', async () => {
    const get = (query: string) =>
      fetch(`${app.url}/graphql?query=${encodeURIComponent(query)}`, {
        headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` },
      });
    const query = await get('{ regions { code } }');
    expect(query.status).toBe(200);
    const mutation = await get('mutation { verifyOrganisation(id: "00000000-0000-0000-0000-000000000000") { id } }');
    expect(mutation.status).toBe(405);
    expect(mutation.headers.get('allow')).toBe('POST');
    expect((await json(mutation)).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('blocks simple (CSRF-able) requests: GET without a preflight header, POST as text/plain or a form', async () => {
    const simpleGet = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ regions { code } }')}`);
    expect(simpleGet.status).toBe(400);
    expect((await json(simpleGet)).errors[0].message).toMatch(/Cross-Site Request Forgery/);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post(JSON.stringify({ query: 'mutation { verifyOrganisation(id: "x") { id } }' }), {
        'content-type': contentType,
        authorization: `Bearer ${token}`,
      });
      expect(response.status).toBe(400);
      expect((await json(response)).errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    }
  });

  it('sends security headers, a deny-all content security policy, and no X-Powered-By', async () => {
    const response = await post(JSON.stringify({ query: '{ regions { code } }' }));
    const h = response.headers;
    expect(h.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('x-powered-by')).toBeNull();
    const health = await fetch(`${app.url}/health/live`);
    expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves the GraphiQL explorer outside production, without the deny-all policy that would break it', async () => {
    const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('GraphiQL');
    expect(page.headers.get('content-security-policy')).toBeNull();
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('keeps idle connections longer than a load balancer would (65 s)', async () => {
    const response = await post(JSON.stringify({ query: '{ regions { code } }' }));
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
  });

  it('allows no cross-origin access by default', async () => {
    const preflight = await fetch(`${app.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://commissioning.example.gov.uk', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const response = await post(JSON.stringify({ query: '{ regions { code } }' }), {
      'content-type': 'application/json',
      origin: 'https://commissioning.example.gov.uk',
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('with CORS_ORIGINS', () => {
    let corsApp: TestApp;
    beforeAll(async () => {
      corsApp = await startTestApp({ CORS_ORIGINS: 'https://commissioning.example.gov.uk,http://localhost:5173' });
    });
    afterAll(async () => {
      await corsApp?.close();
    });

    const preflight = (origin: string) =>
      fetch(`${corsApp.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });

    it('answers preflights for listed origins only', async () => {
      const allowed = await preflight('https://commissioning.example.gov.uk');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://commissioning.example.gov.uk');
      expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const refused = await preflight('https://evil.example.com');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('marks responses readable by a listed origin, and not by others', async () => {
      const call = (origin: string) =>
        fetch(`${corsApp.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ query: '{ regions { code } }' }),
        });
      expect((await call('http://localhost:5173')).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect((await call('http://localhost:5174')).headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
