/** The Markdown table printed at the end and the targets of issue 7, judged from one run. */
import { LoadResult } from './load';

export interface RunRecord {
  workload: string;
  mode: 'saturation' | 'rate';
  side: string;
  rate?: number;
  connections: number;
  duration: number;
  rounds?: number;
  /** 1-minute load average of the machine during the rounds (the benchmark's own load included). */
  loadAverage?: number;
  result: LoadResult;
  perRound?: { throughput: number; p50: number; p99: number }[];
  sqlPerRequest?: number;
}

/** What the statement capture found for one workload: the app's pass, then the floor's. */
export interface WorkloadCapture {
  appHeader?: number;
  appStatements: string[];
  appError?: string;
  floorStatements?: string[];
  floorError?: string;
  same?: boolean;
  dataStatements?: number;
  /** W2 only: data statements per request at each page size. */
  byPageSize?: Record<number, number | undefined>;
}
export type Capture = Record<string, WorkloadCapture>;

export interface Environment {
  machine: { cpus: number; cpuModel?: string; memoryGiB: number; platform: string };
  node: string;
  nodeFlags: string[];
  postgres: string;
  commit?: string;
  poolSize: number;
  databaseAtStart: unknown;
}

export interface SoakResult {
  seconds: number;
  workloads: string[];
  load: LoadResult;
  afterWarmupGc?: { rss: number; heapUsed: number };
  endGc: { rss: number; heapUsed: number };
  rssSlopeMbPerMinute: number;
  flat: boolean;
}

/** The results file of a run (bench/results/*.json). */
export interface RunResults<Options> {
  startedAt: string;
  environment: Environment;
  options: Options;
  database: unknown;
  capture: Capture;
  skipped: { id: string; reason: string }[];
  runs: RunRecord[];
  soak?: SoakResult;
  targets?: TargetCheck[];
  finishedAt?: string;
}

export interface TargetCheck {
  target: string;
  value: string;
  met: boolean | null;
}

const floorOf = (runs: RunRecord[], r: RunRecord) => runs.find((x) => x.workload === r.workload && x.mode === r.mode && x.side === 'floor');
const ratio = (a: number, b: number | undefined) => (b ? a / b : NaN);
const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function evaluateTargets(runs: RunRecord[], capture: Capture): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const app = (workload: string, mode: RunRecord['mode']) =>
    runs.find((r) => r.workload === workload && r.mode === mode && r.side === 'app (express)');
  for (const w of ['W1-spread', 'W1-hot']) {
    const rate = app(w, 'rate');
    const sat = app(w, 'saturation');
    if (rate) {
      const v = ratio(rate.result.p50, floorOf(runs, rate)?.result.p50);
      checks.push({ target: `${w} median at ${rate.rate}/s <= 1.3 x floor`, value: `${fmt(v)} x`, met: v <= 1.3 });
    }
    if (sat) {
      const v = ratio(sat.result.throughput, floorOf(runs, sat)?.result.throughput);
      checks.push({ target: `${w} throughput at saturation >= 0.8 x floor`, value: `${fmt(v)} x`, met: v >= 0.8 });
    }
  }
  if (capture.W2) {
    const sizes = capture.W2.byPageSize ?? {};
    const worst = Math.max(...Object.values(sizes).map(Number));
    checks.push({ target: 'W2 <= 3 data statements per request at first: 10, 50, 100', value: JSON.stringify(sizes), met: worst <= 3 });
    const rate = app('W2', 'rate');
    if (rate) {
      const v = ratio(rate.result.p50, floorOf(runs, rate)?.result.p50);
      checks.push({ target: `W2 median at ${rate.rate}/s <= 1.5 x floor`, value: `${fmt(v)} x`, met: v <= 1.5 });
    }
  }
  const w3 = app('W3', 'rate');
  if (w3) {
    const v = ratio(w3.result.p50, floorOf(runs, w3)?.result.p50);
    checks.push({ target: `W3 median <= 1.2 x floor`, value: `${fmt(v)} x`, met: v <= 1.2 });
    checks.push({ target: `W3 median < 50 ms`, value: `${w3.result.p50} ms`, met: w3.result.p50 < 50 });
  } else {
    checks.push({ target: 'W3 (spend)', value: 'not measured: the schema has no spend query on this branch', met: null });
  }
  const w4 = app('W4', 'rate');
  if (w4) {
    const v = ratio(w4.result.p50, floorOf(runs, w4)?.result.p50);
    checks.push({ target: 'W4 reported (no target)', value: `median ${fmt(v)} x floor`, met: null });
  }
  for (const [id, c] of Object.entries(capture)) {
    if (c.same !== undefined) {
      checks.push({ target: `${id}: the floor sends the app's statements`, value: c.same ? 'same sequence' : 'differs', met: !!c.same });
    }
  }
  return checks;
}

export function markdownReport(results: {
  environment: Environment;
  options: { connections: number; duration: number; rounds: number };
  runs: RunRecord[];
  targets: TargetCheck[];
  soak?: SoakResult;
  skipped: { id: string; reason: string }[];
}): string {
  const e = results.environment;
  const lines: string[] = [];
  lines.push('');
  lines.push(
    `Machine: ${e.machine.cpus} CPUs (${e.machine.cpuModel}), ${e.machine.memoryGiB} GiB; Node ${e.node}${e.nodeFlags?.length ? ` (${e.nodeFlags.join(' ')})` : ''}; PostgreSQL ${e.postgres}; ` +
      `pool ${e.poolSize}; ${results.options.connections} connections at saturation, fixed rates evenly spaced; ${results.options.duration} s per measurement in ${results.options.rounds} alternating rounds; commit ${e.commit ?? '?'}`,
  );
  lines.push('');
  lines.push('| Workload | Mode | Server | req/s | p50 ms | p99 ms | errors | req/s vs floor | p50 vs floor | SQL/req | load avg |');
  lines.push('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results.runs) {
    const floor = floorOf(results.runs, r);
    const isFloor = r.side === 'floor';
    lines.push(
      `| ${r.workload} | ${r.mode === 'rate' ? `${r.rate}/s` : 'saturation'} | ${r.side} | ${fmt(r.result.throughput, 0)} | ${fmt(r.result.p50, 1)} | ${fmt(r.result.p99, 1)} | ${r.result.errors + r.result.timeouts + (r.result.connectionErrors ?? 0)} | ` +
        `${isFloor ? '1' : fmt(ratio(r.result.throughput, floor?.result.throughput))} | ${isFloor ? '1' : fmt(ratio(r.result.p50, floor?.result.p50))} | ${r.sqlPerRequest ?? '-'} | ${r.loadAverage ?? '-'} |`,
    );
  }
  for (const s of results.skipped) lines.push(`| ${s.id} | - | - | - | - | - | - | - | - | skipped: ${s.reason} | - |`);
  lines.push('');
  lines.push('| Target | Value | Met |');
  lines.push('| --- | --- | --- |');
  for (const t of results.targets) lines.push(`| ${t.target} | ${t.value} | ${t.met === null ? '-' : t.met ? 'yes' : 'NO'} |`);
  if (results.soak) {
    const s = results.soak;
    lines.push('');
    lines.push(
      `Soak ${s.seconds} s (${s.workloads.join(', ')}): ${fmt(s.load.throughput, 0)} req/s, ${s.load.errors} errors; after GC heap ${s.afterWarmupGc?.heapUsed} -> ${s.endGc.heapUsed} MB, ` +
        `RSS ${s.afterWarmupGc?.rss} -> ${s.endGc.rss} MB, RSS slope after warm-up ${s.rssSlopeMbPerMinute} MB/min: ${s.flat ? 'flat' : 'GROWING'}`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
