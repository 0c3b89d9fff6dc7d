import { Injectable } from '@nestjs/common';

/**
 * The app's notion of "now". Services take it by injection so that tests can move time forward
 * (order expiry, instalments falling due) without sleeping or editing rows.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Today's date (UTC) as YYYY-MM-DD. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /** For tests only: moves the clock forward. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
