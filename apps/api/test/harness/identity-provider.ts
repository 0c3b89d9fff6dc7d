import http from 'node:http';
import { AddressInfo } from 'node:net';
import { CryptoKey, exportJWK, generateKeyPair, JWK, JWTPayload, SignJWT } from 'jose';
import { TokenClaims } from '@mkt/auth';

/**
 * A stand-in identity provider for production-mode tests: serves a JWKS over HTTP and signs tokens
 * with its issuer and audience, as the real one would. Tests can add and remove signing keys (key
 * rotation) and make the JWKS endpoint fail (an identity provider outage).
 */
export interface TestIdentityProvider {
  /** AUTH_* settings that point the app at this provider. */
  env: Record<string, string>;
  /** A token as the provider issues them (10 minutes), signed with `kid` (default: the first key). */
  token(claims: TokenClaims, options?: { kid?: string }): Promise<string>;
  /** Signs these claims (and the provider's issuer and audience) only: for tokens a good provider would never issue. */
  sign(payload: JWTPayload, options?: { kid?: string }): Promise<string>;
  /** A new signing key, published in the JWKS from now on. */
  addKey(kid: string): Promise<void>;
  /** Takes a key out of the JWKS (it can still sign: a leaked or retired key). */
  removeKey(kid: string): void;
  /** false: the JWKS endpoint answers 503 until set back to true. */
  setAvailable(available: boolean): void;
  /** How many times the JWKS was fetched. */
  readonly jwksRequests: number;
  close(): Promise<void>;
}

const ISSUER = 'https://login.test.example/';
const AUDIENCE = 'nps-marketplace-api';
const FIRST_KID = 'test-1';

/** The payload of a token as the provider issues them: these claims, its issuer and audience, valid for 10 minutes from now. */
function issuedPayload(claims: TokenClaims): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    roles: claims.roles,
    regions: claims.regions ?? [],
    ...(claims.org ? { org: claims.org } : {}),
    sub: claims.sub,
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + 600,
  };
}

export async function startIdentityProvider(): Promise<TestIdentityProvider> {
  const signing = new Map<string, CryptoKey>();
  const published = new Map<string, JWK>();
  let available = true;
  let jwksRequests = 0;

  const addKey = async (kid: string) => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    signing.set(kid, privateKey);
    published.set(kid, { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' });
  };
  await addKey(FIRST_KID);

  const server = http.createServer((_req, res) => {
    jwksRequests += 1;
    if (!available) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [...published.values()] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sign = (payload: JWTPayload, options: { kid?: string } = {}) => {
    const kid = options.kid ?? FIRST_KID;
    const key = signing.get(kid);
    if (!key) throw new Error(`no signing key ${kid}`);
    return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid }).sign(key);
  };

  return {
    env: { AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
    token: (claims, options) => sign(issuedPayload(claims), options),
    sign: (payload, options) => sign({ iss: ISSUER, aud: AUDIENCE, ...payload }, options),
    addKey,
    removeKey: (kid) => void published.delete(kid),
    setAvailable: (value) => (available = value),
    get jwksRequests() {
      return jwksRequests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The app's fetch keeps connections alive; they would hold close() for seconds.
        server.closeAllConnections();
      }),
  };
}
