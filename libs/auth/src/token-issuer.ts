import { SignJWT } from 'jose';
import { LOCAL_ALG, LOCAL_AUDIENCE, LOCAL_ISSUER, loadOrCreateLocalKey } from './local-keys';
import { Role } from './role';

export interface TokenClaims {
  sub: string;
  roles: Role[];
  org?: string;
  regions?: string[];
}

export const LOCAL_TOKEN_TTL_SECONDS = 12 * 60 * 60;

/** Mints a token signed with the local key in `dataDir` (development, demo and tests only). */
export async function issueLocalToken(dataDir: string, claims: TokenClaims, ttlSeconds = LOCAL_TOKEN_TTL_SECONDS): Promise<string> {
  const key = await loadOrCreateLocalKey(dataDir);
  const payload: Record<string, unknown> = { roles: claims.roles, regions: claims.regions ?? [] };
  if (claims.org) payload.org = claims.org;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: LOCAL_ALG, kid: key.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key.privateKey);
}
