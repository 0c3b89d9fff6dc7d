/**
 * Fixed-rate load with evenly spaced arrivals (an open model): request i is due at start + i/rate
 * whatever happened to the ones before, and its latency counts from when it was due, so a server
 * that falls behind is charged for the wait (no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it gives each connection a quota per second that resets on a
 * one-second timer, so all connections fire together at the top of every second. At 10 req/s that
 * is a burst of 10 concurrent requests and 900 ms of silence, and the "fixed-rate" median measures
 * the burst's queue rather than a request.
 */
import http from 'node:http';
import type { LoadResult } from './load';

export interface PacedRequest {
  body: string;
  headers: Record<string, string>;
  /** True when the response is what the workload expects. */
  ok(status: number, body: string): boolean;
}

/** What the responses of one run have shown so far. */
interface Tally {
  latencies: number[];
  errors: number;
  connectionErrors: number;
  non2xx: number;
  sampleError?: string;
}

export async function runPaced(
  url: string,
  next: () => PacedRequest,
  options: { rate: number; duration: number; connections: number },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.max(1, Math.round(options.rate * options.duration));
  const interval = 1000 / options.rate;
  const tally: Tally = { latencies: [], errors: 0, connectionErrors: 0, non2xx: 0 };
  const send = sender(new URL('/graphql', url), agent, next, tally);
  const start = performance.now();

  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(due));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return summarise(tally, elapsed);
}

/** Sends the next request; its latency counts from `due`, when it should have been sent. */
function sender(target: URL, agent: http.Agent, next: () => PacedRequest, tally: Tally) {
  return (due: number) =>
    new Promise<void>((resolve) => {
      const request = next();
      const req = http.request(
        target,
        { method: 'POST', agent, headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            tally.latencies.push(performance.now() - due);
            const body = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) tally.non2xx += 1;
            if (!request.ok(status, body)) {
              tally.errors += 1;
              tally.sampleError ??= `${status} ${body.slice(0, 300)}`;
            }
            resolve();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', (error) => {
        tally.connectionErrors += 1;
        tally.sampleError ??= error.message;
        resolve();
      });
      req.end(request.body);
    });
}

function summarise(tally: Tally, elapsed: number): LoadResult {
  const sorted = tally.latencies.sort((a, b) => a - b);
  // A tenth of a millisecond: fixed-rate medians of a few milliseconds would lose their ratio to
  // whole-millisecond rounding.
  const pick = (q: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10 : 0);
  return {
    requests: sorted.length,
    throughput: sorted.length / elapsed,
    p50: pick(0.5),
    p90: pick(0.9),
    p99: pick(0.99),
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0,
    max: pick(1),
    errors: tally.errors,
    connectionErrors: tally.connectionErrors,
    non2xx: tally.non2xx,
    timeouts: 0,
    sampleError: tally.sampleError,
  };
}
