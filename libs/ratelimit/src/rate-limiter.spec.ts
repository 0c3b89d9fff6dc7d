import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RateLimiter } from './rate-limiter';

describe('rate limiter (memory store)', () => {
  let now = Date.UTC(2026, 10, 27, 9, 0, 10);
  const store = new MemoryRateLimitStore(() => now);
  afterAll(() => store.onModuleDestroy());

  it('counts hits per key within a minute and starts again in the next one', async () => {
    const limiter = new RateLimiter(store, { limitPerMinute: 3 });
    expect((await limiter.consume('sub:a', 2)).allowed).toBe(true);
    expect(await limiter.consume('sub:a')).toEqual({ allowed: true, hits: 3, limit: 3, retryAfterSeconds: 50 });
    expect((await limiter.consume('sub:a')).allowed).toBe(false);
    expect((await limiter.consume('sub:b')).allowed).toBe(true);
    now += 50_000; // 09:01:00, a new window
    expect(await limiter.consume('sub:a')).toEqual({ allowed: true, hits: 1, limit: 3, retryAfterSeconds: 60 });
  });

  it('forgets past windows', async () => {
    await store.hit('ip:192.0.2.1', 1);
    now += 60_000;
    store.sweep();
    expect(store.size).toBe(0);
  });

  it('lets requests through when the store fails, and reports it', async () => {
    const reported: unknown[] = [];
    const failing = { hit: () => Promise.reject(new Error('connection refused')) };
    const limiter = new RateLimiter(failing, { limitPerMinute: 1, onStoreError: (e) => reported.push(e) });
    expect((await limiter.consume('sub:a')).allowed).toBe(true);
    expect((await limiter.consume('sub:a')).allowed).toBe(true);
    expect(reported).toHaveLength(1); // reported once, not on every request
  });
});
