import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createWebRouter } from '../src';

/**
 * Whatever goes wrong behind the pages, a person sees the generic GOV.UK problem page with a
 * reference, never the internal message. The web router runs alone here, in front of a GraphQL
 * endpoint that fails the way a broken API does (INTERNAL_SERVER_ERROR, or no answer at all).
 */
const INTERNAL = 'relation "service_order" does not exist at Parser.parseErrorMessage (pg-protocol/src/parser.ts:369)';

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function cookieOf(response: Response): string {
  return response.headers.get('set-cookie')!.split(';')[0];
}

describe('web error pages', () => {
  const logged: Record<string, unknown>[] = [];
  let dataDir = '';
  let failingApi: http.Server;
  let web: http.Server;
  let baseUrl = '';
  let apiUrl = '';

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'web-errors-'));
    failingApi = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errors: [{ message: INTERNAL, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
    apiUrl = await listen(failingApi);
  });
  afterAll(async () => {
    web?.close();
    failingApi?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  async function startWeb(graphqlUrl: string) {
    web?.close();
    const app = express();
    app.use(await createWebRouter({ production: false, dataDir, graphqlUrl }, { error: (details) => void logged.push(details) }));
    web = http.createServer(app);
    baseUrl = await listen(web);
  }

  async function signedInCookie(): Promise<string> {
    const form = await fetch(`${baseUrl}/sign-in`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const signIn = await fetch(`${baseUrl}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(form) },
      body: new URLSearchParams({ _csrf: csrf, role: 'COMMISSIONER', sub: 'commissioner-nw-1', regions: 'north-west' }).toString(),
    });
    expect(signIn.status).toBe(303);
    return cookieOf(signIn);
  }

  it.each([
    ['answers INTERNAL_SERVER_ERROR', () => `${apiUrl}/graphql`],
    ['cannot be reached', () => 'http://127.0.0.1:9/graphql'],
  ])('shows the generic problem page when the API %s, and logs the cause', async (_case, url) => {
    await startWeb(url());
    const page = await fetch(`${baseUrl}/commissioner`, { headers: { cookie: await signedInCookie() } });
    const html = await page.text();
    expect(page.status).toBe(500);
    expect(html).toContain('Sorry, there is a problem with the service');
    expect(html).not.toMatch(/service_order|parser|ECONNREFUSED|fetch failed|\.ts:\d+/i);
    expect(logged.length).toBeGreaterThan(0);
  });

  it('answers a form too large to read with a 413 page, not the problem page', async () => {
    await startWeb(`${apiUrl}/graphql`);
    const response = await fetch(`${baseUrl}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `sub=${'x'.repeat(200_000)}`,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Your form could not be sent');
  });

  it('in production sets the session cookie Secure, HttpOnly and SameSite=Lax, and offers no development sign-in', async () => {
    const app = express();
    const oidc = { issuer: 'https://idp.example.test', clientId: 'web', redirectUri: 'https://mkt.example.test/sign-in/callback', scope: 'openid' };
    app.use(await createWebRouter({ production: true, dataDir, sessionSecret: 'p'.repeat(32), oidc }, { error: () => undefined }));
    const server = http.createServer(app);
    const url = await listen(server);
    try {
      const start = await fetch(`${url}/`);
      expect(start.headers.get('set-cookie')).toMatch(/^nps_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
      const post = (csrf: string) =>
        fetch(`${url}/sign-in`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(start) },
          body: new URLSearchParams({ _csrf: csrf, role: 'ADMIN', sub: 'mallory' }).toString(),
        });
      expect((await post('wrong')).status).toBe(403);
      // With the right token the development form still mints nothing: it sends the person to OIDC sign-in.
      const signOutPage = await fetch(`${url}/sign-out`, { headers: { cookie: cookieOf(start) } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await signOutPage.text())![1];
      const refused = await post(csrf);
      expect(refused.status).toBe(303);
      expect(refused.headers.get('location')).toBe('/sign-in');
      expect(refused.headers.get('set-cookie') ?? '').toBe('');
    } finally {
      server.close();
    }
  });
});
