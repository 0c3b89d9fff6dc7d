import * as client from 'openid-client';
import type { SessionUser } from '../core/session';
import type { OidcSettings } from '../web-config';

/**
 * Production sign-in: OpenID Connect authorisation code flow with PKCE (S256) and state. The
 * identity provider's metadata is discovered on the first sign-in, not at start, so the service
 * starts even while the provider is unreachable. The access token is what the API verifies (its
 * AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE); roles, regions and org come from the same claims.
 */
export interface OidcClient {
  begin(): Promise<{ url: string; verifier: string; state: string }>;
  finish(callbackUrl: URL, expected: { verifier: string; state: string }): Promise<{ token: string; user: SessionUser }>;
}

export type Discover = (settings: OidcSettings) => Promise<client.Configuration>;

const discoverIssuer: Discover = (settings) => client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret);

export function createOidcClient(settings: OidcSettings, discover: Discover = discoverIssuer): OidcClient {
  let configuration: Promise<client.Configuration> | undefined;
  const config = () => {
    configuration ??= discover(settings).catch((error: unknown) => {
      configuration = undefined; // try again on the next sign-in
      throw error;
    });
    return configuration;
  };
  return {
    async begin() {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(await config(), {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      return { url: url.href, verifier, state };
    },
    async finish(callbackUrl, expected) {
      const tokens = await client.authorizationCodeGrant(await config(), callbackUrl, {
        pkceCodeVerifier: expected.verifier,
        expectedState: expected.state,
      });
      const claims = tokens.claims() ?? {};
      return { token: tokens.access_token, user: userFromClaims(claims) };
    },
  };
}

/** The same claim names as the API's tokens: roles, regions, org. */
export function userFromClaims(claims: Record<string, unknown>): SessionUser {
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return {
    // `sub` is a string by the OIDC spec; a number is kept as its digits, anything else is no subject.
    sub: typeof claims.sub === 'string' || typeof claims.sub === 'number' ? String(claims.sub) : '',
    roles: strings(claims.roles).map((r) => r.toUpperCase()),
    regions: strings(claims.regions),
    org: typeof claims.org === 'string' ? claims.org : undefined,
    via: 'oidc',
  };
}
