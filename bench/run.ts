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
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { BenchData, selectWorkloads, Workload } from './workloads';
import { BenchDatabase, prepareDatabase, setStatementLogging } from './lib/database';
import { ROOT, Server, startServer } from './lib/processes';
import { benchData } from './lib/bench-data';
import { Capture, evaluateTargets, markdownReport, RunResults } from './lib/report';
import { captureApp, captureFloor, leadingControl, printCapture, warm } from './lib/capture';
import { describeEnvironment } from './lib/environment';
import { log } from './lib/log';
import { measureWorkloads } from './lib/measure';
import { Options, parseArgs } from './lib/options';
import { soak } from './lib/soak';

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

/** What every server of a run shares: the database, the pool size, and no background work of its own. */
function serverEnv(options: Options, db: BenchDatabase): Record<string, string> {
  return {
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
}

interface RunContext {
  options: Options;
  db: BenchDatabase;
  servers: Server[];
  env: Record<string, string>;
  logDir: string;
}

async function run(options: Options, db: BenchDatabase, servers: Server[], startedAt: Date) {
  const logDir = path.join(db.dataRoot, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const ctx: RunContext = { options, db, servers, env: serverEnv(options, db), logDir };
  // Apps first: they apply pending migrations before the data is read.
  const apps = await startApps(ctx);
  const primary = apps.get(options.adapters[0])!;

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const data = await benchData(client, db.dataRoot);
  const environment = await describeEnvironment(client, options);
  await client.end();

  const { workloads, skipped } = await availableWorkloads(primary.url, options);
  for (const app of apps.values()) await warm(app.url, workloads, data);
  const { capture, floor } = await captureStatements(ctx, primary, workloads, data);

  const results: RunResults<Options> = { startedAt: startedAt.toISOString(), environment, options, database: db.seeded, capture, skipped, runs: [] };
  if (!options.captureOnly) {
    const sides: [string, Server][] = [...[...apps.entries()].map(([a, s]) => [`app (${a})`, s] as [string, Server]), ['floor', floor]];
    results.runs.push(...(await measureWorkloads({ options, dbUrl: db.url, logDir, data, capture, workloads, sides })));
  }
  if (options.soak > 0)
    results.soak = await soak(
      primary,
      workloads.filter((w) => w.id !== 'W1-hot'),
      data,
      options,
    );
  writeResults(results, options, startedAt);
}

async function startApps(ctx: RunContext): Promise<Map<string, Server>> {
  const apps = new Map<string, Server>();
  for (const adapter of ctx.options.adapters) {
    const entry = adapter === 'express' ? 'dist/apps/api/src/main.js' : 'dist/bench/fastify/main.js';
    log(`starting the app (${adapter}, pool ${ctx.options.pool})`);
    const server = await startServer({
      name: `app-${adapter}`,
      entry: path.join(ROOT, entry),
      env: ctx.env,
      logDir: ctx.logDir,
      nodeArgs: ctx.options.nodeFlags,
    });
    ctx.servers.push(server);
    apps.set(adapter, server);
  }
  return apps;
}

/** The selected workloads whose root field the app's schema has (a branch may predate one). */
async function availableWorkloads(url: string, options: Options) {
  const schema = await rootFields(url);
  const selected = selectWorkloads(options.workloads === 'none' ? '-' : options.workloads);
  const workloads: Workload[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const w of selected) {
    if (schema[w.requires.type].has(w.requires.field)) workloads.push(w);
    else skipped.push({ id: w.id, reason: `the schema has no ${w.requires.type}.${w.requires.field}` });
  }
  for (const s of skipped) log(`skipping ${s.id}: ${s.reason}`);
  return { workloads, skipped };
}

/** The app first, then the floor started with the app's transaction opening. */
async function captureStatements(
  ctx: RunContext,
  primary: Server,
  workloads: Workload[],
  data: BenchData,
): Promise<{ capture: Capture; floor: Server }> {
  await setStatementLogging(ctx.db.adminUrl, true);
  const capture = await captureApp(ctx.db, primary, workloads, data);
  const w1 = workloads.find((w) => w.id.startsWith('W1'));
  const begin = w1 ? leadingControl(capture[w1.id].appStatements) : ['START TRANSACTION'];
  log(`transactions open with: ${begin.join('; ')}`);
  const floor = await startServer({
    name: 'floor',
    entry: path.join(ROOT, 'dist/bench/floor/server.js'),
    env: { ...ctx.env, FLOOR_BEGIN: JSON.stringify(begin), ORDER_APPROVAL_THRESHOLD_PENCE: '2500000', ORDER_RESPONSE_DAYS: '10' },
    logDir: ctx.logDir,
    nodeArgs: ctx.options.nodeFlags,
  });
  ctx.servers.push(floor);
  await warm(floor.url, workloads, data);
  await captureFloor(ctx.db, floor, workloads, data, capture);
  await setStatementLogging(ctx.db.adminUrl, false);
  printCapture(workloads, capture);
  return { capture, floor };
}

function writeResults(results: RunResults<Options>, options: Options, startedAt: Date) {
  const targets = evaluateTargets(results.runs, results.capture);
  results.targets = targets;
  results.finishedAt = new Date().toISOString();
  const out = options.out ?? path.join(ROOT, 'bench', 'results', `${startedAt.toISOString().slice(0, 16).replace(':', '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(markdownReport({ ...results, targets }));
  log(`results written to ${path.relative(ROOT, out)}`);
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

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
