import { Inject, Injectable } from '@nestjs/common';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit.store';

export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');

export interface RateLimitOptions {
  limitPerMinute: number;
  /** Told when the store fails; the limiter then lets the request through. */
  onStoreError?: (error: unknown) => void;
}

export interface RateLimitDecision {
  allowed: boolean;
  hits: number;
  limit: number;
  retryAfterSeconds: number;
}

/**
 * Counts hits per caller key and decides. If the store fails (database away) the request is let
 * through: a counter outage must not turn into a refusal of all writes, and the write itself fails
 * with its own retryable error when the database is the problem.
 */
@Injectable()
export class RateLimiter {
  private lastReported = 0;

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitOptions,
  ) {}

  async consume(key: string, weight = 1): Promise<RateLimitDecision> {
    const limit = this.options.limitPerMinute;
    try {
      const { hits, resetsInSeconds } = await this.store.hit(key, weight);
      return { allowed: hits <= limit, hits, limit, retryAfterSeconds: resetsInSeconds };
    } catch (error) {
      // Report at most every ten seconds: an outage would otherwise log once per request.
      if (Date.now() - this.lastReported > 10_000) {
        this.lastReported = Date.now();
        this.options.onStoreError?.(error);
      }
      return { allowed: true, hits: 0, limit, retryAfterSeconds: 0 };
    }
  }
}
