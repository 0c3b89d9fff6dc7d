import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, JWTPayload, JWTVerifyGetKey, CryptoKey } from 'jose';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { AccessException } from './access.exception';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadOrCreateLocalKey } from './local-keys';
import { Principal } from './principal';
import { parseRole, Role } from './role';

/**
 * Verifies bearer tokens. Production: against the identity provider's JWKS, issuer and audience,
 * and nothing else. Elsewhere: against the local key in DATA_DIR.
 */
@Injectable()
export class TokenVerifier {
  private key?: Promise<{ key: CryptoKey | JWTVerifyGetKey; issuer: string; audience: string }>;

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
    return toPrincipal(payload);
  }
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
