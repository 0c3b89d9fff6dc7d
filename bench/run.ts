/**
 * `npm run bench -- [--scale large] [--seed 2026] [--duration 30] [--rounds 3] [--warmup 5] [--connections 24]
 *                   [--rate N] [--pool 10] [--workloads W1,W2,W3,W4] [--adapters express,fastify]
 *                   [--soak 300] [--capture-only] [--fresh] [--out file.json] [--node-flags "..." | none]`
 *
 * Prepares a seeded database, starts the built app and the floor (raw pg on node:http, same SQL,
 * same pool size) side by side, checks that both send the same statements, then measures each
 * workload on both at saturation and at a fixed rate, and writes JSON plus a Markdown table.
 * See docs/performance.md.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BenchData, selectWorkloads, Workload } from './workloads';
import { logSize, prepareDatabase, readStatements, setStatementLogging } from './lib/database';
import { bodyOf, LoadResult, runLoad } from './lib/load';
import { ROOT, Server, startServer } from './lib/processes';
import { benchData } from './lib/bench-data';
import { Capture, Environment, evaluateTargets, markdownReport, RunRecord, RunResults } from './lib/report';

interface Options {
  scale: string;
  seed: number;
  fresh: boolean;
  duration: number;
  warmup: number;
  rounds: number;
  connections: number;
  rate?: number;
  pool: number;
  workloads?: string;
  adapters: string[];
  soak: number;
  captureOnly: boolean;
  out?: string;
  /** Node flags for the app and the floor: package.json's unless `--node-flags` (`none`: V8 defaults). */
  nodeFlags: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    scale: 'large',
    seed: 2026,
    fresh: false,
    duration: 30,
    warmup: 5,
    rounds: 3,
    connections: 24,
    pool: 10,
    adapters: ['express'],
    soak: 0,
    captureOnly: false,
    nodeFlags: NODE_FLAGS,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const num = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number`);
      return n;
    };
    switch (flag) {
      case '--scale':
        o.scale = value();
        break;
      case '--seed':
        o.seed = num();
        break;
      case '--fresh':
        o.fresh = true;
        break;
      case '--duration':
        o.duration = num();
        break;
      case '--warmup':
        o.warmup = num();
        break;
      case '--rounds':
        o.rounds = Math.max(1, Math.round(num()));
        break;
      case '--connections':
        o.connections = num();
        break;
      case '--rate':
        o.rate = num();
        break;
      case '--pool':
        o.pool = num();
        break;
      case '--workloads':
        o.workloads = value();
        break;
      case '--adapters':
        o.adapters = value().split(',');
        break;
      case '--soak':
        o.soak = num();
        break;
      case '--capture-only':
        o.captureOnly = true;
        break;
      case '--out':
        o.out = value();
        break;
      case '--node-flags': {
        const v = value();
        o.nodeFlags = v === 'none' ? [] : v.split(/\s+/).filter(Boolean);
        break;
      }
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  if (!['small', 'medium', 'large'].includes(o.scale)) throw new Error('--scale must be small, medium or large');
  for (const a of o.adapters) if (!['express', 'fastify'].includes(a)) throw new Error('--adapters: express and/or fastify');
  return o;
}

/**
 * The runtime flags `npm start` gives the API (package.json config.node_flags): the app runs as
 * deployed, and the floor gets the same runtime so the ratio measures code, not V8 settings.
 */
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config?: { node_flags?: string } };
const NODE_FLAGS: string[] = (PACKAGE.config?.node_flags ?? '').split(/\s+/).filter(Boolean);

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const db = await prepareDatabase({ scale: options.scale, seed: options.seed, fresh: options.fresh, log });
  const servers: Server[] = [];
  const cleanup = async () => {
    for (const s of servers.splice(0)) await s.stop().catch(() => undefined);
    await db.stop().catch(() => undefined);
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    await run(options, db, servers, startedAt);
  } finally {
    await setStatementLogging(db.adminUrl, false).catch(() => undefined);
    await cleanup();
  }
}

async function run(options: Options, db: Awaited<ReturnType<typeof prepareDatabase>>, servers: Server[], startedAt: Date) {
  const logDir = path.join(db.dataRoot, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const commonEnv = {
    DATABASE_URL: db.url,
    DATA_DIR: db.dataRoot,
    DB_POOL_SIZE: String(options.pool),
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'off',
    NODE_ENV: 'benchmark',
    // The timer sweep would add a statement burst at a random point of a measurement.
    ORDER_EXPIRY_SWEEP_SECONDS: '0',
    // The mutation rate limit (hardening branch) must not be what W1 measures.
    RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000',
  };

  // Apps first: they apply pending migrations before the data is read.
  const apps = new Map<string, Server>();
  for (const adapter of options.adapters) {
    const entry = adapter === 'express' ? 'dist/apps/api/src/main.js' : 'dist/bench/fastify/main.js';
    log(`starting the app (${adapter}, pool ${options.pool})`);
    const server = await startServer({ name: `app-${adapter}`, entry: path.join(ROOT, entry), env: commonEnv, logDir, nodeArgs: options.nodeFlags });
    servers.push(server);
    apps.set(adapter, server);
  }
  const primary = apps.get(options.adapters[0])!;

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const data = await benchData(client, db.dataRoot);
  const environment = await describeEnvironment(client, options);
  await client.end();

  const schema = await rootFields(primary.url);
  const selected = selectWorkloads(options.workloads === 'none' ? '-' : options.workloads);
  const workloads: Workload[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const w of selected) {
    if (schema[w.requires.type].has(w.requires.field)) workloads.push(w);
    else skipped.push({ id: w.id, reason: `the schema has no ${w.requires.type}.${w.requires.field}` });
  }
  for (const s of skipped) log(`skipping ${s.id}: ${s.reason}`);

  // Warm every app once per workload (JIT, key loading, pools) before the capture.
  for (const app of apps.values()) for (const w of workloads) for (let i = 0; i < 20; i++) await post(app.url, w, w.requests(data)());

  // ---- statement capture: the app first, then the floor started with the app's transaction opening ----
  await setStatementLogging(db.adminUrl, true);
  const capture: Capture = {};
  for (const w of workloads) {
    const offset = logSize(db.logFile);
    const response = await post(primary.url, w, w.requests(data)());
    await sleep(400);
    const app = readStatements(db.logFile, offset).get('mkt-api') ?? [];
    capture[w.id] = { appHeader: response.sqlStatements, appStatements: app, appError: response.error };
  }
  const w2 = workloads.find((w) => w.id === 'W2');
  if (w2) {
    capture.W2.byPageSize = {};
    for (const first of [10, 50, 100]) {
      const response = await post(primary.url, w2, { token: data.tokens.commissioner, variables: { first } });
      capture.W2.byPageSize[first] = response.sqlStatements;
    }
  }
  const w1 = workloads.find((w) => w.id.startsWith('W1'));
  const begin = w1 ? leadingControl(capture[w1.id].appStatements) : ['START TRANSACTION'];
  log(`transactions open with: ${begin.join('; ')}`);
  const floor = await startServer({
    name: 'floor',
    entry: path.join(ROOT, 'dist/bench/floor/server.js'),
    env: { ...commonEnv, FLOOR_BEGIN: JSON.stringify(begin), ORDER_APPROVAL_THRESHOLD_PENCE: '2500000', ORDER_RESPONSE_DAYS: '10' },
    logDir,
    nodeArgs: options.nodeFlags,
  });
  servers.push(floor);
  for (const w of workloads) for (let i = 0; i < 20; i++) await post(floor.url, w, w.requests(data)());
  for (const w of workloads) {
    const offset = logSize(db.logFile);
    const response = await post(floor.url, w, w.requests(data)());
    await sleep(400);
    const floorStatements = readStatements(db.logFile, offset).get('bench-floor') ?? [];
    const c = capture[w.id];
    c.floorStatements = floorStatements;
    c.floorError = response.error;
    c.same = JSON.stringify(c.appStatements) === JSON.stringify(floorStatements);
    c.dataStatements = c.appStatements.filter((s: string) => !isControl(s)).length;
    if (!c.same) log(`WARNING ${w.id}: the floor's statements differ from the app's (see the results' capture section)`);
  }
  await setStatementLogging(db.adminUrl, false);
  printCapture(workloads, capture);

  const runs: RunRecord[] = [];
  const results: RunResults<Options> = {
    startedAt: startedAt.toISOString(),
    environment,
    options,
    database: db.seeded,
    capture,
    skipped,
    runs,
  };
  if (!options.captureOnly) {
    for (const w of workloads) {
      const sides: [string, Server][] = [...[...apps.entries()].map(([a, s]) => [`app (${a})`, s] as [string, Server]), ['floor', floor]];
      let rate = options.rate;
      for (const mode of ['saturation', 'rate'] as const) {
        if (mode === 'rate' && rate === undefined) {
          const appSaturation = runs.find((r) => r.workload === w.id && r.mode === 'saturation' && r.side.startsWith('app'))!;
          rate = Math.max(5, Math.round(appSaturation.result.throughput * 0.5));
        }
        const load = { connections: options.connections, duration: options.duration / options.rounds, rate: mode === 'rate' ? rate : undefined };
        await settle(db.url, runs.length > 0 && workloads.some((x) => x.writes && runs.some((r) => r.workload === x.id)));
        // Rounds alternate the servers, so a neighbour's load on the machine falls on both sides alike.
        const bySide = new Map<string, LoadResult[]>();
        const loadAverages: number[] = [];
        for (let round = 0; round < options.rounds; round++) {
          for (const [side, server] of round % 2 === 0 ? sides : [...sides].reverse()) {
            if (options.warmup && round === 0) await runLoad(server.url, [w], data, { ...load, duration: options.warmup });
            loadAverages.push(os.loadavg()[0]);
            const result = await runLoad(server.url, [w], data, load);
            bySide.set(side, [...(bySide.get(side) ?? []), result]);
          }
        }
        for (const [side] of sides) {
          const result = combine(bySide.get(side)!);
          if (bySide.get(side)!.some((r) => r.requests === 0)) {
            log(
              `WARNING ${w.id} ${mode} ${side}: a round completed no request (connection errors ${result.connectionErrors}, timeouts ${result.timeouts}); see the server's log in ${logDir}`,
            );
          }
          log(
            `${w.id} ${mode}${load.rate ? ` ${load.rate}/s` : ''} ${side}: ${result.throughput.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}${result.sampleError ? ` (${result.sampleError})` : ''}`,
          );
          runs.push({
            workload: w.id,
            mode,
            side,
            rate: load.rate,
            connections: options.connections,
            duration: options.duration,
            rounds: options.rounds,
            loadAverage: Math.round((loadAverages.reduce((a, b) => a + b, 0) / loadAverages.length) * 100) / 100,
            result,
            perRound: bySide.get(side)!.map((r) => ({ throughput: Math.round(r.throughput), p50: r.p50, p99: r.p99 })),
            sqlPerRequest: side === 'floor' ? capture[w.id].dataStatements : capture[w.id].appHeader,
          });
        }
      }
    }
  }
  if (options.soak > 0)
    results.soak = await soak(
      primary,
      workloads.filter((w) => w.id !== 'W1-hot'),
      data,
      options,
    );
  const targets = evaluateTargets(runs, capture);
  results.targets = targets;
  results.finishedAt = new Date().toISOString();

  const out = options.out ?? path.join(ROOT, 'bench', 'results', `${startedAt.toISOString().slice(0, 16).replace(':', '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(markdownReport({ ...results, targets }));
  log(`results written to ${path.relative(ROOT, out)}`);
}

/** A mixed load for a while, sampling the app's memory; flat means no growth after warm-up. */
async function soak(app: Server, workloads: Workload[], data: BenchData, options: Options) {
  const warmupSeconds = Math.min(60, Math.round(options.soak / 5));
  log(`soak: ${options.soak} s mixed load (${workloads.map((w) => w.id).join(', ')}), memory sampled every 5 s`);
  const samples: { t: number; rss: number; heapUsed: number; heapTotal: number; external: number }[] = [];
  const started = Date.now();
  let afterWarmup: NodeJS.MemoryUsage | undefined;
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  const timer = setInterval(() => {
    void app.memory(false).then((m) =>
      samples.push({
        t: Math.round((Date.now() - started) / 1000),
        rss: mb(m.rss),
        heapUsed: mb(m.heapUsed),
        heapTotal: mb(m.heapTotal),
        external: mb(m.external),
      }),
    );
  }, 5_000);
  const warmupTimer = setTimeout(() => void app.memory(true).then((m) => (afterWarmup = m)), warmupSeconds * 1000);
  const result: LoadResult = await runLoad(app.url, workloads, data, { connections: options.connections, duration: options.soak });
  clearInterval(timer);
  clearTimeout(warmupTimer);
  await sleep(1000);
  const end = await app.memory(true);
  const steady = samples.filter((s) => s.t >= warmupSeconds);
  const slope = linearSlope(steady.map((s) => [s.t / 60, s.rss]));
  const heapGrowth = afterWarmup ? mb(end.heapUsed - afterWarmup.heapUsed) : undefined;
  const rssGrowth = afterWarmup ? mb(end.rss - afterWarmup.rss) : undefined;
  const flat = heapGrowth !== undefined && heapGrowth < 10 && (rssGrowth ?? 0) < 50;
  log(
    `soak: ${result.throughput.toFixed(0)} req/s, errors ${result.errors}; heap after GC ${afterWarmup ? mb(afterWarmup.heapUsed) : '?'} -> ${mb(end.heapUsed)} MB, RSS ${afterWarmup ? mb(afterWarmup.rss) : '?'} -> ${mb(end.rss)} MB: ${flat ? 'flat' : 'GROWING'}`,
  );
  return {
    seconds: options.soak,
    warmupSeconds,
    workloads: workloads.map((w) => w.id),
    load: result,
    afterWarmupGc: afterWarmup && { rss: mb(afterWarmup.rss), heapUsed: mb(afterWarmup.heapUsed) },
    endGc: { rss: mb(end.rss), heapUsed: mb(end.heapUsed) },
    heapGrowthMb: heapGrowth,
    rssGrowthMb: rssGrowth,
    rssSlopeMbPerMinute: Math.round(slope * 100) / 100,
    flat,
    samples,
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
  return {
    requests: results.reduce((a, r) => a + r.requests, 0),
    throughput: results.reduce((a, r) => a + r.throughput, 0) / results.length,
    p50: median(results.map((r) => r.p50)),
    p90: median(results.map((r) => r.p90)),
    p99: median(results.map((r) => r.p99)),
    mean: results.reduce((a, r) => a + r.mean, 0) / results.length,
    max: Math.max(...results.map((r) => r.max)),
    errors: results.reduce((a, r) => a + r.errors, 0),
    connectionErrors: results.reduce((a, r) => a + r.connectionErrors, 0),
    non2xx: results.reduce((a, r) => a + r.non2xx, 0),
    timeouts: results.reduce((a, r) => a + r.timeouts, 0),
    sampleError: results.find((r) => r.sampleError)?.sampleError,
  };
}

function linearSlope(points: number[][]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return den ? num / den : 0;
}

const CONTROL = /^(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SET|SAVEPOINT|RELEASE)\b/i;
const isControl = (sql: string) => CONTROL.test(sql);

function leadingControl(statements: string[]): string[] {
  const begin: string[] = [];
  for (const s of statements) {
    if (!isControl(s)) break;
    begin.push(s);
  }
  return begin.length ? begin : ['START TRANSACTION'];
}

async function post(url: string, workload: Workload, request: { token: string; variables: Record<string, unknown> }) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
    body: bodyOf(workload, request.variables),
  });
  const text = await response.text();
  const header = response.headers.get('x-sql-statements');
  const error = response.status !== 200 || text.includes('"errors"') ? `${response.status} ${text.slice(0, 500)}` : undefined;
  return { status: response.status, sqlStatements: header === null ? undefined : Number(header), error };
}

async function rootFields(url: string): Promise<Record<'Query' | 'Mutation', Set<string>>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }' }),
  });
  const body = (await response.json()) as {
    data?: { __schema: { queryType: { fields: { name: string }[] }; mutationType?: { fields: { name: string }[] } | null } };
  };
  if (!body.data) throw new Error(`introspection failed: ${JSON.stringify(body).slice(0, 300)}`);
  return {
    Query: new Set(body.data.__schema.queryType.fields.map((f: { name: string }) => f.name)),
    Mutation: new Set((body.data.__schema.mutationType?.fields ?? []).map((f: { name: string }) => f.name)),
  };
}

async function describeEnvironment(client: pg.Client, options: Options): Promise<Environment> {
  const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  const counts = (
    await client.query<
      Record<string, unknown>
    >(`SELECT (SELECT count(*) FROM service_order)::int AS orders, (SELECT count(*) FROM contract)::int AS contracts,
      (SELECT count(*) FROM service_offer WHERE status = 'PUBLISHED')::int AS published_offers, pg_size_pretty(pg_database_size(current_database())) AS size`)
  ).rows[0];
  let commit: string | undefined;
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
  } catch {
    commit = undefined;
  }
  return {
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      platform: `${os.platform()} ${os.release()}`,
    },
    node: process.version,
    nodeFlags: options.nodeFlags,
    postgres: version,
    commit,
    poolSize: options.pool,
    databaseAtStart: counts,
  };
}

function printCapture(workloads: Workload[], capture: Capture) {
  for (const w of workloads) {
    const c = capture[w.id];
    log(`${w.id}: ${c.dataStatements} data statements (x-sql-statements ${c.appHeader}); floor ${c.same ? 'sends the same statements' : 'DIFFERS'}`);
    if (c.appError) log(`  app error: ${c.appError}`);
    if (c.floorError) log(`  floor error: ${c.floorError}`);
    for (const s of c.appStatements) log(`    app   | ${s.slice(0, 160)}`);
    if (!c.same) for (const s of c.floorStatements ?? []) log(`    floor | ${s.slice(0, 160)}`);
  }
  if (capture.W2?.byPageSize) log(`W2 data statements by page size: ${JSON.stringify(capture.W2.byPageSize)}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
