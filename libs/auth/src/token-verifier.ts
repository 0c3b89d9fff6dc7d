import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, JWTPayload, JWTVerifyGetKey, CryptoKey } from 'jose';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { AccessException } from './access.exception';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadOrCreateLocalKey } from './local-keys';
import { Principal } from './principal';
import { parseRole, Role } from './role';

/** How long a verified token is taken on trust again without checking its signature. */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX_ENTRIES = 10_000;

/**
 * Verifies bearer tokens. Production: against the identity provider's JWKS, issuer and audience,
 * and nothing else. Elsewhere: against the local key in DATA_DIR.
 *
 * A token that verified is remembered (by its exact text) for a minute or until it expires,
 * whichever comes first: the ES256 signature check is the largest single cost of a small request,
 * and a client sends the same token many times. Only successes are kept, so a forged or expired
 * token is checked every time; each replica keeps its own small cache (nothing to share).
 */
@Injectable()
export class TokenVerifier {
  private key?: Promise<{ key: CryptoKey | JWTVerifyGetKey; issuer: string; audience: string }>;
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private verificationKey() {
    this.key ??= (async () => {
      const { auth, production, dataDir } = this.config;
      if (production) {
        return {
          key: createRemoteJWKSet(new URL(auth.jwksUrl!), { cooldownDuration: 30_000, timeoutDuration: 5_000 }),
          issuer: auth.issuer!,
          audience: auth.audience!,
        };
      }
      const local = await loadOrCreateLocalKey(dataDir);
      return { key: local.publicKey, issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE };
    })();
    return this.key;
  }

  /** Reads `Authorization: Bearer <jwt>`; a missing, malformed or expired token is UNAUTHENTICATED. */
  async verifyHeader(header: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)\s*$/.exec(header ?? '');
    if (!match) throw AccessException.unauthenticated();
    const now = Date.now();
    const known = this.verified.get(match[1]);
    if (known && known.until > now) return known.principal;
    const { key, issuer, audience } = await this.verificationKey();
    let payload: JWTPayload;
    try {
      const verified =
        typeof key === 'function'
          ? await jwtVerify(match[1], key, { issuer, audience, clockTolerance: 30 })
          : await jwtVerify(match[1], key, { issuer, audience, clockTolerance: 30 });
      payload = verified.payload;
    } catch {
      throw AccessException.unauthenticated('The bearer token is invalid or has expired');
    }
    const principal = freezePrincipal(toPrincipal(payload));
    this.remember(match[1], principal, typeof payload.exp === 'number' ? Math.min(payload.exp * 1000, now + VERIFIED_TTL_MS) : now);
    return principal;
  }

  private remember(token: string, principal: Principal, until: number): void {
    if (until <= Date.now()) return;
    if (this.verified.size >= VERIFIED_MAX_ENTRIES) {
      // Drop the oldest entries (insertion order) rather than grow without bound.
      for (const old of this.verified.keys()) {
        this.verified.delete(old);
        if (this.verified.size < VERIFIED_MAX_ENTRIES * 0.9) break;
      }
    }
    this.verified.delete(token);
    this.verified.set(token, { principal, until });
  }
}

/** A principal shared by the requests of one token must not be changed by any of them. */
function freezePrincipal(principal: Principal): Principal {
  Object.freeze(principal.roles);
  Object.freeze(principal.regions);
  return Object.freeze(principal);
}

export function toPrincipal(payload: JWTPayload): Principal {
  if (typeof payload.sub !== 'string' || !payload.sub) throw AccessException.unauthenticated('The token has no subject');
  const rawRoles = Array.isArray(payload.roles) ? payload.roles : [];
  const roles = [...new Set(rawRoles.filter((r): r is string => typeof r === 'string').map(parseRole))].filter(
    (r): r is Role => r !== undefined,
  );
  const regions = Array.isArray(payload.regions)
    ? payload.regions.filter((r): r is string => typeof r === 'string')
    : [];
  const org = typeof payload.org === 'string' ? payload.org : undefined;
  return { sub: payload.sub, roles, regions, org };
}
