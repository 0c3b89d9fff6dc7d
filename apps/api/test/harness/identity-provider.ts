import http from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TokenClaims } from '@mkt/auth';

/**
 * A stand-in identity provider for production-mode tests: serves a JWKS over HTTP and signs tokens
 * with its issuer and audience, as the real one would.
 */
export interface TestIdentityProvider {
  /** AUTH_* settings that point the app at this provider. */
  env: Record<string, string>;
  token(claims: TokenClaims): Promise<string>;
  close(): Promise<void>;
}

const ISSUER = 'https://login.test.example/';
const AUDIENCE = 'nps-marketplace-api';

export async function startIdentityProvider(): Promise<TestIdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-1', alg: 'ES256', use: 'sig' };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
    token: (claims) =>
      new SignJWT({ roles: claims.roles, regions: claims.regions ?? [], ...(claims.org ? { org: claims.org } : {}) })
        .setProtectedHeader({ alg: 'ES256', kid: 'test-1' })
        .setSubject(claims.sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
