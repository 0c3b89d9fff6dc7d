import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { createOidcClient, userFromClaims } from './oidc';

const settings = {
  issuer: 'https://idp.example.test',
  clientId: 'nps-marketplace-web',
  redirectUri: 'https://marketplace.example.test/sign-in/callback',
  scope: 'openid profile',
};
// The provider's metadata as discovery would return it: no network in these tests.
const discover = () =>
  Promise.resolve(
    new client.Configuration(
      {
        issuer: settings.issuer,
        authorization_endpoint: `${settings.issuer}/authorize`,
        token_endpoint: `${settings.issuer}/token`,
      },
      settings.clientId,
    ),
  );

describe('OIDC sign-in', () => {
  it('sends the person to the provider with PKCE S256, state and the registered redirect URI', async () => {
    const oidc = createOidcClient(settings, discover);
    const { url, verifier, state } = await oidc.begin();
    const sent = new URL(url);
    expect(sent.origin + sent.pathname).toBe(`${settings.issuer}/authorize`);
    expect(sent.searchParams.get('response_type')).toBe('code');
    expect(sent.searchParams.get('client_id')).toBe(settings.clientId);
    expect(sent.searchParams.get('redirect_uri')).toBe(settings.redirectUri);
    expect(sent.searchParams.get('scope')).toBe('openid profile');
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(sent.searchParams.get('code_challenge')).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(sent.searchParams.get('state')).toBe(state);
    const second = await oidc.begin();
    expect(second.verifier).not.toBe(verifier);
    expect(second.state).not.toBe(state);
  });

  it('refuses a callback whose state is not the one it sent, before asking for tokens', async () => {
    const oidc = createOidcClient(settings, discover);
    const { verifier, state } = await oidc.begin();
    const callback = new URL(`${settings.redirectUri}?code=abc&state=forged`);
    await expect(oidc.finish(callback, { verifier, state })).rejects.toMatchObject({
      code: 'OAUTH_INVALID_RESPONSE',
      cause: { message: expect.stringMatching(/"state"/) },
    });
  });

  it('refuses a callback that reports an error from the provider', async () => {
    const oidc = createOidcClient(settings, discover);
    const { verifier, state } = await oidc.begin();
    const callback = new URL(`${settings.redirectUri}?error=access_denied&state=${state}`);
    await expect(oidc.finish(callback, { verifier, state })).rejects.toMatchObject({ code: 'OAUTH_AUTHORIZATION_RESPONSE_ERROR' });
  });

  it('reads roles, regions and org from the same claims the API reads', () => {
    expect(userFromClaims({ sub: 'u1', roles: ['commissioner'], regions: ['wales'], org: 'GB-CHC-1' })).toEqual({
      sub: 'u1',
      roles: ['COMMISSIONER'],
      regions: ['wales'],
      org: 'GB-CHC-1',
      via: 'oidc',
    });
  });
});
