import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import * as client from 'openid-client';
import { Role } from '@mkt/auth';
import { startIdentityProvider, type TestIdentityProvider } from '../../api/test/harness/identity-provider';
import { startTestApp, TestApp } from '../../api/test/harness/test-app';
import { createWebRouter } from '../src';
import { startOidcProvider, type TestOidcProvider } from './harness/oidc-provider';

/**
 * Production sign-in end to end: the pages send the person to the OpenID Connect provider with
 * PKCE, take the code back, exchange it (the provider checks the verifier), keep the access token
 * in the session and call the production-mode API with it, which verifies it against its JWKS.
 */
const CLIENT_ID = 'nps-marketplace-web';

function cookieOf(response: Response): string {
  return response.headers.get('set-cookie')!.split(';')[0];
}

describe('web: OpenID Connect sign-in in production', () => {
  let idp: TestIdentityProvider;
  let api: TestApp;
  let oidc: TestOidcProvider;
  let web: http.Server;
  let webUrl = '';
  let dataDir = '';

  beforeAll(async () => {
    idp = await startIdentityProvider();
    api = await startTestApp({ NODE_ENV: 'production', ...idp.env });
    const person = { sub: 'commissioner-oidc-1', roles: [Role.COMMISSIONER], regions: ['north-west'] };
    oidc = await startOidcProvider({ clientId: CLIENT_ID, person, accessToken: () => idp.token(person) });
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'web-oidc-'));
    // The router needs the server's address (the redirect URI): listen first, mount it once made.
    const app = express();
    web = http.createServer(app);
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
    const router = await createWebRouter(
      {
        production: true,
        dataDir,
        sessionSecret: 's'.repeat(40),
        graphqlUrl: `${api.url}/graphql`,
        oidc: {
          issuer: oidc.issuer,
          clientId: CLIENT_ID,
          clientSecret: 'web-secret',
          redirectUri: `${webUrl}/sign-in/callback`,
          scope: 'openid profile',
        },
      },
      { error: () => undefined },
      // The local provider speaks plain HTTP, which openid-client refuses unless told.
      { discover: (s) => client.discovery(new URL(s.issuer), s.clientId, s.clientSecret, undefined, { execute: [client.allowInsecureRequests] }) },
    );
    app.use(router);
  });
  afterAll(async () => {
    web?.close();
    await oidc?.close();
    await api?.close();
    await idp?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('signs the person in through the provider and calls the API with the access token', async () => {
    const start = await fetch(`${webUrl}/sign-in`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(oidc.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const pending = cookieOf(start);

    const atProvider = await fetch(authorize, { redirect: 'manual' });
    const callback = atProvider.headers.get('location')!;
    expect(callback.startsWith(`${webUrl}/sign-in/callback?code=`)).toBe(true);
    const back = await fetch(callback, { redirect: 'manual', headers: { cookie: pending } });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/commissioner');
    expect(back.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax; Max-Age=\d+; Secure/);
    expect(oidc.log).toEqual(['token issued']);

    const home = await fetch(`${webUrl}/commissioner`, { headers: { cookie: cookieOf(back) } });
    const html = await home.text();
    expect(home.status).toBe(200); // the API accepted the provider's token (else: back to sign-in)
    expect(html).toContain('Signed in as <strong>commissioner-oidc-1</strong>');
    expect(html).not.toContain('development-only');

    // The same callback again (a replayed code) signs nobody in.
    const replay = await fetch(callback, { redirect: 'manual', headers: { cookie: pending } });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('There was a problem signing you in');
    expect(oidc.log).toEqual(['token issued', 'token refused']);
  });

  it('refuses a callback whose state was not issued to this browser', async () => {
    const start = await fetch(`${webUrl}/sign-in`, { redirect: 'manual' });
    const forged = await fetch(`${webUrl}/sign-in/callback?code=abc&state=forged`, { redirect: 'manual', headers: { cookie: cookieOf(start) } });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('There was a problem signing you in');
  });
});
