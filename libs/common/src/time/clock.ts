import { Injectable } from '@nestjs/common';

/**
 * The one clock of the app: every domain timestamp (order answers and expiry, instalments falling
 * due, publication, report approval) and every token check reads time from an injected instance,
 * never from `Date.now()`, so that tests can move time forward without sleeping or editing rows.
 *
 * There are two instances of this one class: `Clock` (business time, provided by CommonModule) and
 * `AuthClock` (token time, provided by AuthModule; see libs/auth/src/auth-clock.ts). Tests move
 * business time by days (order expiry) with tokens that must stay valid, and age the identity
 * provider's key set without touching business time.
 *
 * Not for throughput windows (rate limits, sweep throttles, log throttles): those measure load per
 * real second and keep the process's real clock; moving business time must not open or close them.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  /** Milliseconds since the epoch. */
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Today's date (UTC) as YYYY-MM-DD. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /** For tests only: moves the clock forward (or back, with a negative offset). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
