import { createLocalJWKSet, JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import { ServiceUnavailableException } from '@mkt/common';

export interface JwksKeySetOptions {
  url: string;
  /** How long a fetched key set is used before it is fetched again (AUTH_JWKS_CACHE_SECONDS). */
  maxAgeMs: number;
  /** Longest wait for the identity provider's answer. */
  timeoutMs: number;
  /** Milliseconds since the epoch: the app's clock, so tests can move time on. */
  now: () => number;
}

/** A token signed with a key id not in the set may be a newly added key: fetch again, at most this often. */
const UNKNOWN_KID_COOLDOWN_MS = 10_000;
/** After a failed fetch, requests answer SERVICE_UNAVAILABLE at once for this long instead of each calling the provider. */
const FAILURE_BACKOFF_MS = 1_000;

interface FetchedKeySet {
  getKey: JWTVerifyGetKey;
  kids: Set<string>;
  fetchedAt: number;
}

/**
 * The identity provider's signing keys (JWKS), fetched on first use and again once older than
 * `maxAgeMs`, so a key removed from the set stops being trusted within that time; a token with an
 * unknown key id fetches the set again (with a cooldown) so a newly added key works at once. When
 * the set cannot be fetched (and none fresh is held) callers get a retryable SERVICE_UNAVAILABLE,
 * never "invalid token": the token may well be good.
 */
export class JwksKeySet {
  private current?: FetchedKeySet;
  private pending?: Promise<FetchedKeySet>;
  private lastAttemptAt = -Infinity;
  private lastFailureAt = -Infinity;

  constructor(private readonly options: JwksKeySetOptions) {}

  /** The key lookup for a token with this key id, and until when a token it verified may be taken on trust. */
  async keyFor(kid: string | undefined): Promise<{ getKey: JWTVerifyGetKey; trustedUntil: number }> {
    const now = this.options.now();
    let set = this.current;
    if (!set || !this.isFresh(set, now)) {
      if (now - this.lastFailureAt < FAILURE_BACKOFF_MS) throw ServiceUnavailableException.identityProvider();
      set = await this.refresh();
    } else if (kid !== undefined && !set.kids.has(kid) && now - this.lastAttemptAt >= UNKNOWN_KID_COOLDOWN_MS) {
      set = await this.refresh();
    }
    return { getKey: set.getKey, trustedUntil: set.fetchedAt + this.options.maxAgeMs };
  }

  /** Whether a token verified earlier with key `kid` may still be trusted: the key is in a fresh set. */
  stillTrusts(kid: string | undefined): boolean {
    const set = this.current;
    return !!set && this.isFresh(set, this.options.now()) && (kid === undefined || set.kids.has(kid));
  }

  /** For readiness: fetches the set now; false when the identity provider did not answer with a usable one. */
  async probe(): Promise<boolean> {
    try {
      await this.refresh();
      return true;
    } catch {
      return false;
    }
  }

  private isFresh(set: FetchedKeySet, now: number): boolean {
    return now - set.fetchedAt < this.options.maxAgeMs;
  }

  /** One fetch at a time; concurrent callers share it. */
  private refresh(): Promise<FetchedKeySet> {
    this.pending ??= this.fetchKeySet().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchKeySet(): Promise<FetchedKeySet> {
    this.lastAttemptAt = this.options.now();
    let fetched: FetchedKeySet;
    try {
      const response = await fetch(this.options.url, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (!response.ok) throw new Error(`JWKS answered HTTP ${response.status}`);
      const jwks = (await response.json()) as JSONWebKeySet;
      // createLocalJWKSet refuses a document that is not a key set: as unusable as no answer.
      const getKey = createLocalJWKSet(jwks);
      const kids = new Set(jwks.keys.map((k) => k.kid).filter((k): k is string => typeof k === 'string'));
      fetched = { getKey, kids, fetchedAt: this.options.now() };
    } catch (error) {
      this.lastFailureAt = this.options.now();
      throw ServiceUnavailableException.identityProvider(error);
    }
    this.current = fetched;
    this.lastFailureAt = -Infinity;
    return fetched;
  }
}
