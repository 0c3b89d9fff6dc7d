import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiter, RateLimitModule } from '@mkt/ratelimit';
import { LibTest, startLibTest } from '@mkt/testing';

describe('RateLimiter on the PostgreSQL store (real PostgreSQL)', () => {
  let t: LibTest;
  let limiter: RateLimiter;
  let keys = 0;

  /** A fresh key, at least a few seconds before the minute's window ends, so one test's hits share a window. */
  const freshKey = async () => {
    const key = `test-key-${++keys}`;
    const probe = await limiter.consume(`${key}-probe`);
    if (probe.retryAfterSeconds < 3) await sleep((probe.retryAfterSeconds + 0.2) * 1000);
    return key;
  };

  beforeAll(async () => {
    t = await startLibTest({ imports: [RateLimitModule.forRoot({ store: 'postgres', limitPerMinute: 3 })] });
    limiter = t.get(RateLimiter);
  });
  afterAll(() => t?.close());

  it('allows the limit per minute, then refuses with a retry-after, counting in the database', async () => {
    const key = await freshKey();
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.consume(key));
    expect(decisions.map((d) => [d.allowed, d.hits])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
      [false, 4],
    ]);
    expect(decisions[3].retryAfterSeconds).toBeGreaterThan(0);
    expect(decisions[3].retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await t.rows('SELECT hits FROM rate_limit_counter WHERE bucket_key = $1', [key])).toEqual([{ hits: 4 }]);
  });

  it('counts weighted hits and keeps callers apart, also under concurrent hits', async () => {
    const [a, b] = [await freshKey(), await freshKey()];
    expect((await limiter.consume(a, 3)).allowed).toBe(true);
    expect((await limiter.consume(a, 1)).allowed).toBe(false);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => limiter.consume(b)));
    expect(concurrent.map((d) => d.hits).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(concurrent.filter((d) => d.allowed)).toHaveLength(3);
  });
});
