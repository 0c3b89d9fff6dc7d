import { OnModuleDestroy } from '@nestjs/common';
import { RateLimitStore, WindowCount, WINDOW_MS } from './rate-limit.store';

/** Counters in this process only: the default, right for one replica. */
export class MemoryRateLimitStore implements RateLimitStore, OnModuleDestroy {
  private readonly counters = new Map<string, { windowStart: number; hits: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    // Forget callers of past windows, so counters for many IPs do not pile up.
    this.sweeper = setInterval(() => this.sweep(), WINDOW_MS);
    this.sweeper.unref();
  }

  // Synchronous inside, but the store interface is async for the PostgreSQL store's sake.
  hit(key: string, weight: number): Promise<WindowCount> {
    const now = this.now();
    const windowStart = now - (now % WINDOW_MS);
    const counter = this.counters.get(key);
    const hits = counter && counter.windowStart === windowStart ? counter.hits + weight : weight;
    this.counters.set(key, { windowStart, hits });
    return Promise.resolve({ hits, resetsInSeconds: Math.ceil((windowStart + WINDOW_MS - now) / 1000) });
  }

  sweep(): void {
    const now = this.now();
    const current = now - (now % WINDOW_MS);
    for (const [key, counter] of this.counters) if (counter.windowStart < current) this.counters.delete(key);
  }

  get size(): number {
    return this.counters.size;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
