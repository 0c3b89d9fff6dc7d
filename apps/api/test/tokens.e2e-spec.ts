import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { LOCAL_ALG, LOCAL_AUDIENCE, LOCAL_ISSUER, loadOrCreateLocalKey } from '@mkt/auth';
import { registerProvider } from './harness/factories';
import { errorCode, startTestApp, TestApp } from './harness/test-app';

/**
 * Tokens signed with the local development key (outside production): the same claim rules as the
 * identity provider's tokens (see production-mode.e2e-spec.ts), and role names matched exactly.
 */
describe('tokens signed with the local development key', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Signs exactly these claims (plus the local issuer and audience) with the app's local key. */
  async function localToken(claims: Record<string, unknown>): Promise<string> {
    const key = await loadOrCreateLocalKey(app.dataDir);
    return new SignJWT({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, regions: [], ...claims })
      .setProtectedHeader({ alg: LOCAL_ALG, kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  }
  const now = () => Math.floor(Date.now() / 1000);
  const regions = (token: string) => app.gql('{ regions { code } }', {}, token);

  it('refuses a token without an expiry', async () => {
    const result = await regions(await localToken({ sub: 'auditor-no-exp', roles: ['AUDITOR'], iat: now() }));
    expect(result.errors?.[0]).toMatchObject({ message: 'The bearer token is invalid or has expired', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a token issued more than a minute in the future; accepts small clock differences', async () => {
    const future = await regions(await localToken({ sub: 'auditor-future', roles: ['AUDITOR'], iat: now() + 120, exp: now() + 900 }));
    expect(future.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(future.errors?.[0].message).toMatch(/issued in the future/);
    expect((await regions(await localToken({ sub: 'auditor-skew', roles: ['AUDITOR'], iat: now() + 30, exp: now() + 900 }))).errors).toBeUndefined();
  });

  it('matches role names exactly after ASCII upper-casing: look-alikes and padded names are no role', async () => {
    const provider = await registerProvider(app, { verified: false });
    const verify = async (role: string) =>
      errorCode(
        await app.gql(
          `mutation ($id: ID!) { verifyOrganisation(id: $id) { id } }`,
          { id: provider.id },
          await localToken({ sub: `caller-${randomUUID()}`, roles: [role], iat: now(), exp: now() + 600 }),
        ),
      );
    for (const lookalike of ['ADMİN', 'admın', ' ADMIN', 'ADMIN ', 'ADMIN\t']) expect(await verify(lookalike)).toBe('FORBIDDEN');

    // approveOrder is for commissioners: a real one gets past the guard (NOT_FOUND), a look-alike does not.
    const approve = async (role: string) =>
      errorCode(
        await app.gql(
          `mutation ($id: ID!) { approveOrder(id: $id) { id } }`,
          { id: randomUUID() },
          await localToken({ sub: `caller-${randomUUID()}`, roles: [role], regions: ['north-west'], iat: now(), exp: now() + 600 }),
        ),
      );
    for (const lookalike of ['commıssıoner', 'COMMIſſIONER', 'commissioner\n']) expect(await approve(lookalike)).toBe('FORBIDDEN');
    expect(await approve('commissioner')).toBe('NOT_FOUND');
    expect(await verify('admin')).toBeUndefined();
  });
});
