/**
 * Where hit counters live. Windows are fixed minutes: a caller may burst up to twice the limit
 * across a minute boundary, which is acceptable for abuse protection and keeps each hit one atomic
 * statement. The in-memory store counts per replica; the PostgreSQL store shares counters between
 * replicas.
 */
export interface WindowCount {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Seconds until the window ends and the count starts again. */
  resetsInSeconds: number;
}

export interface RateLimitStore {
  /** Adds `weight` hits to `key` in the current one-minute window and returns the new count. */
  hit(key: string, weight: number): Promise<WindowCount>;
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
export const WINDOW_MS = 60_000;
