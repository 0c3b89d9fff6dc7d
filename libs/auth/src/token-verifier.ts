import { Inject, Injectable } from '@nestjs/common';
import { decodeProtectedHeader, jwtVerify, JWTPayload, JWTVerifyGetKey, CryptoKey } from 'jose';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { AccessException } from './access.exception';
import { AuthClock } from './auth-clock';
import { JwksKeySet } from './jwks-key-set';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadOrCreateLocalKey } from './local-keys';
import { Principal } from './principal';
import { parseRole, Role } from './role';

/** How long a verified token is taken on trust again without checking its signature. */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX_ENTRIES = 10_000;
/** Clock difference tolerated on `exp` and `nbf` (seconds). */
const EXPIRY_TOLERANCE_SECONDS = 30;
/** A token issued (`iat`) further in the future than this is refused: clocks are never that far apart. */
const ISSUED_AT_SKEW_SECONDS = 60;
const JWKS_TIMEOUT_MS = 5_000;

type Verification =
  { kind: 'local'; key: CryptoKey; issuer: string; audience: string } | { kind: 'jwks'; keySet: JwksKeySet; issuer: string; audience: string };

interface VerifiedToken {
  principal: Principal;
  until: number;
  kid?: string;
}

/**
 * Verifies bearer tokens. Production: against the identity provider's JWKS, issuer and audience,
 * and nothing else. Elsewhere: against the local key in DATA_DIR. Either way a token must carry
 * `exp`, and an `iat` more than a minute ahead is refused.
 *
 * A token that verified is remembered (by its exact text) for a minute, until it expires, or until
 * the key set that verified it is due to be fetched again or no longer holds its key, whichever
 * comes first: the ES256 signature check is the largest single cost of a small request, and a
 * client sends the same token many times. Only successes are kept, so a forged or expired token is
 * checked every time; each replica keeps its own small cache (nothing to share).
 */
@Injectable()
export class TokenVerifier {
  private verification?: Promise<Verification>;
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: AuthClock,
  ) {}

  private verificationKey(): Promise<Verification> {
    this.verification ??= (async (): Promise<Verification> => {
      const { auth, production, dataDir } = this.config;
      if (production) {
        const keySet = new JwksKeySet({
          url: auth.jwksUrl!,
          maxAgeMs: auth.jwksCacheSeconds * 1000,
          timeoutMs: JWKS_TIMEOUT_MS,
          now: () => this.clock.nowMs(),
        });
        return { kind: 'jwks', keySet, issuer: auth.issuer!, audience: auth.audience! };
      }
      const local = await loadOrCreateLocalKey(dataDir);
      return { kind: 'local', key: local.publicKey, issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE };
    })();
    return this.verification;
  }

  /**
   * Reads `Authorization: Bearer <jwt>`; a missing, malformed or expired token is UNAUTHENTICATED.
   * When the identity provider's keys cannot be fetched the answer is a retryable
   * SERVICE_UNAVAILABLE instead: the token may well be good.
   */
  async verifyHeader(header: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\s*$/.exec(header ?? '');
    if (!match) throw AccessException.unauthenticated();
    const token = match[1];
    const verification = await this.verificationKey();
    const known = this.verified.get(token);
    if (known && known.until > this.now() && (verification.kind === 'local' || verification.keySet.stillTrusts(known.kid))) {
      return known.principal;
    }
    const { key, kid, trustedUntil } = await this.keyFor(token, verification);
    const payload = await this.verifySignedClaims(token, key, verification);
    const principal = freezePrincipal(toPrincipal(payload));
    this.remember(token, { principal, kid, until: Math.min((payload.exp as number) * 1000, this.now() + VERIFIED_TTL_MS, trustedUntil) });
    return principal;
  }

  /** Readiness: undefined outside production (no identity provider), else whether its JWKS can be fetched now. */
  async identityProviderReachable(): Promise<boolean | undefined> {
    const verification = await this.verificationKey();
    return verification.kind === 'jwks' ? verification.keySet.probe() : undefined;
  }

  private async keyFor(token: string, verification: Verification): Promise<{ key: CryptoKey | JWTVerifyGetKey; kid?: string; trustedUntil: number }> {
    if (verification.kind === 'local') return { key: verification.key, trustedUntil: Infinity };
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw AccessException.unauthenticated('The bearer token is invalid or has expired');
    }
    // Outside the try: an unreachable identity provider is SERVICE_UNAVAILABLE, not a bad token.
    const { getKey, trustedUntil } = await verification.keySet.keyFor(kid);
    return { key: getKey, kid, trustedUntil };
  }

  private async verifySignedClaims(token: string, key: CryptoKey | JWTVerifyGetKey, verification: Verification): Promise<JWTPayload> {
    const options = {
      issuer: verification.issuer,
      audience: verification.audience,
      clockTolerance: EXPIRY_TOLERANCE_SECONDS,
      currentDate: this.clock.now(),
      // A token without an expiry would be good for ever once leaked.
      requiredClaims: ['exp'],
    };
    let payload: JWTPayload;
    try {
      payload = (typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options)).payload;
    } catch {
      throw AccessException.unauthenticated('The bearer token is invalid or has expired');
    }
    if (typeof payload.iat === 'number' && payload.iat > this.now() / 1000 + ISSUED_AT_SKEW_SECONDS) {
      throw AccessException.unauthenticated('The bearer token is invalid: it was issued in the future');
    }
    return payload;
  }

  private now(): number {
    return this.clock.nowMs();
  }

  private remember(token: string, entry: VerifiedToken): void {
    if (entry.until <= this.now()) return;
    if (this.verified.size >= VERIFIED_MAX_ENTRIES) {
      // Drop the oldest entries (insertion order) rather than grow without bound.
      for (const old of this.verified.keys()) {
        this.verified.delete(old);
        if (this.verified.size < VERIFIED_MAX_ENTRIES * 0.9) break;
      }
    }
    this.verified.delete(token);
    this.verified.set(token, entry);
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
  const roles = [...new Set(rawRoles.filter((r): r is string => typeof r === 'string').map(parseRole))].filter((r): r is Role => r !== undefined);
  const regions = Array.isArray(payload.regions) ? payload.regions.filter((r): r is string => typeof r === 'string') : [];
  const org = typeof payload.org === 'string' ? payload.org : undefined;
  return { sub: payload.sub, roles, regions, org };
}
