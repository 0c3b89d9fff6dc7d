import { Injectable } from '@nestjs/common';

/**
 * Time as the token checks see it: expiry and issue time of tokens, the age of the identity
 * provider's key set, the verified-token cache. Kept apart from the business `Clock` (libs/common)
 * so that tests moving business time by days (order expiry) keep their tokens valid, and tests of
 * key rotation can age the key set without sleeping.
 */
@Injectable()
export class AuthClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** For tests only: moves the clock forward. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
