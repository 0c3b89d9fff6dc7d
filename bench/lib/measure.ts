/** The measurements: each workload on every side, at saturation then at a fixed rate, in alternating rounds. */
import os from 'node:os';
import pg from 'pg';
import { BenchData, Workload } from '../workloads';
import { LoadOptions, LoadResult, runLoad } from './load';
import { log } from './log';
import { Options } from './options';
import { Server } from './processes';
import { Capture, RunRecord } from './report';

export interface Measurement {
  options: Options;
  dbUrl: string;
  logDir: string;
  data: BenchData;
  capture: Capture;
  workloads: Workload[];
  /** Side name ("app (express)", "floor") and its server, in the order of the first round. */
  sides: [string, Server][];
}

const MODES = ['saturation', 'rate'] as const;
type Mode = (typeof MODES)[number];

export async function measureWorkloads(m: Measurement): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  for (const w of m.workloads) {
    let rate = m.options.rate;
    for (const mode of MODES) {
      if (mode === 'rate' && rate === undefined) {
        const appSaturation = runs.find((r) => r.workload === w.id && r.mode === 'saturation' && r.side.startsWith('app'))!;
        rate = Math.max(5, Math.round(appSaturation.result.throughput * 0.5));
      }
      const load = { connections: m.options.connections, duration: m.options.duration / m.options.rounds, rate: mode === 'rate' ? rate : undefined };
      await settle(m.dbUrl, runs.length > 0 && m.workloads.some((x) => x.writes && runs.some((r) => r.workload === x.id)));
      const { bySide, loadAverages } = await measureRounds(m, w, load);
      for (const [side] of m.sides) runs.push(record(m, w, mode, side, load, bySide.get(side)!, loadAverages));
    }
  }
  return runs;
}

/** Rounds alternate the servers, so a neighbour's load on the machine falls on both sides alike. */
async function measureRounds(m: Measurement, w: Workload, load: LoadOptions) {
  const bySide = new Map<string, LoadResult[]>();
  const loadAverages: number[] = [];
  for (let round = 0; round < m.options.rounds; round++) {
    for (const [side, server] of round % 2 === 0 ? m.sides : [...m.sides].reverse()) {
      if (m.options.warmup && round === 0) await runLoad(server.url, [w], m.data, { ...load, duration: m.options.warmup });
      loadAverages.push(os.loadavg()[0]);
      const result = await runLoad(server.url, [w], m.data, load);
      bySide.set(side, [...(bySide.get(side) ?? []), result]);
    }
  }
  return { bySide, loadAverages };
}

function record(m: Measurement, w: Workload, mode: Mode, side: string, load: LoadOptions, rounds: LoadResult[], loadAverages: number[]): RunRecord {
  const result = combine(rounds);
  if (rounds.some((r) => r.requests === 0)) {
    log(
      `WARNING ${w.id} ${mode} ${side}: a round completed no request (connection errors ${result.connectionErrors}, timeouts ${result.timeouts}); see the server's log in ${m.logDir}`,
    );
  }
  log(
    `${w.id} ${mode}${load.rate ? ` ${load.rate}/s` : ''} ${side}: ${result.throughput.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}${result.sampleError ? ` (${result.sampleError})` : ''}`,
  );
  return {
    workload: w.id,
    mode,
    side,
    rate: load.rate,
    connections: m.options.connections,
    duration: m.options.duration,
    rounds: m.options.rounds,
    loadAverage: Math.round((loadAverages.reduce((a, b) => a + b, 0) / loadAverages.length) * 100) / 100,
    result,
    perRound: rounds.map((r) => ({ throughput: Math.round(r.throughput), p50: r.p50, p99: r.p99 })),
    sqlPerRequest: side === 'floor' ? m.capture[w.id].dataStatements : m.capture[w.id].appHeader,
  };
}

/**
 * Before each measurement, once a writing workload (W1) has run: VACUUM ANALYZE and a CHECKPOINT,
 * so that autovacuum and checkpoint I/O caused by the orders just placed do not land at a random
 * point of the next measurement (on two cores they take a visible share of the CPU).
 */
async function settle(url: string, afterWrites: boolean) {
  if (!afterWrites) return;
  const started = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
  log(`settled after writes: VACUUM (ANALYZE) and CHECKPOINT in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Rounds of one side together: throughput over all of them, latencies as the median of the rounds'. */
function combine(results: LoadResult[]): LoadResult {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  };
  const total = (pick: (r: LoadResult) => number) => results.reduce((a, r) => a + pick(r), 0);
  return {
    requests: total((r) => r.requests),
    throughput: total((r) => r.throughput) / results.length,
    p50: median(results.map((r) => r.p50)),
    p90: median(results.map((r) => r.p90)),
    p99: median(results.map((r) => r.p99)),
    mean: total((r) => r.mean) / results.length,
    max: Math.max(...results.map((r) => r.max)),
    errors: total((r) => r.errors),
    connectionErrors: total((r) => r.connectionErrors),
    non2xx: total((r) => r.non2xx),
    timeouts: total((r) => r.timeouts),
    sampleError: results.find((r) => r.sampleError)?.sampleError,
  };
}
