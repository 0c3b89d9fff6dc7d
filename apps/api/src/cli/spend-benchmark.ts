/**
 * `npm run bench:spend [-- --providers 1000 --contracts 100000 --payments-per-contract 10 --runs 30 --reuse --semi-space 64]`
 *
 * Fills a throw-away embedded PostgreSQL (in .bench/spend-pg; `--reuse` keeps a loaded one) with
 * synthetic providers, orders, contracts and a payment ledger, rebuilds the spend summaries, starts
 * the API in a separate process and measures the national spend query grouped by region, provider and
 * quarter: over HTTP through GraphQL, and the same SQL alone through `pg`. Prints median and p95
 * and writes .bench/spend-benchmark.json.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { issueLocalToken, Role } from '@mkt/auth';
import { EmbeddedPostgres, runMigrations } from '@mkt/database';
import { buildSpendQuery, SpendGroupKey } from '@mkt/spend';
import { MIGRATIONS } from '../migrations';
import { loadSpendData } from './bench/spend-data';

function args(argv: string[]) {
  const get = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  return {
    providers: get('providers', 1000),
    contracts: get('contracts', 100_000),
    paymentsPerContract: get('payments-per-contract', 10),
    runs: get('runs', 30),
    reuse: argv.includes('--reuse'),
    /** Young-generation size (MB) for the API process; 0 keeps Node's default. */
    semiSpaceMb: get('semi-space', 0),
  };
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { median: round(at(0.5)), p95: round(at(0.95)), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}
const round = (ms: number) => Math.round(ms * 10) / 10;

async function time(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await work(); // warm-up: plans, caches, JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main(): Promise<void> {
  const options = args(process.argv.slice(2));
  const root = path.resolve('.bench');
  const dataDir = path.join(root, 'spend-pg');
  await fs.mkdir(root, { recursive: true });
  const loaded = options.reuse && (await fs.stat(path.join(dataDir, 'PG_VERSION')).then(() => true, () => false));
  if (!loaded) await fs.rm(dataDir, { recursive: true, force: true });
  const embedded = new EmbeddedPostgres({ dataDir, port: 54400 + Math.floor(Math.random() * 500) });
  await embedded.start();
  const url = embedded.url('postgres');
  const log = (message: string) => process.stdout.write(`${message}\n`);
  const today = new Date().toISOString().slice(0, 10);

  try {
    await runMigrations(url, MIGRATIONS);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    if (!loaded) {
      log(`loading ${options.providers} providers, ${options.contracts} orders and contracts, ${options.contracts * options.paymentsPerContract} payments...`);
      const started = performance.now();
      await loadSpendData(client, {
        providers: options.providers,
        contracts: options.contracts,
        paymentsPerContract: options.paymentsPerContract,
        financialYears: 5,
        today,
        onStep: (step, ms, rows) => log(`  ${step.padEnd(22)} ${String(rows).padStart(9)} rows ${(ms / 1000).toFixed(1).padStart(6)} s`),
      });
      log(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const counts = (
      await client.query(`SELECT (SELECT count(*) FROM organisation)::int AS providers, (SELECT count(*) FROM service_order)::int AS orders,
        (SELECT count(*) FROM payment)::int AS payments, (SELECT count(*) FROM spend_contract_quarter)::int AS fine_rows,
        (SELECT count(*) FROM spend_provider_quarter)::int AS rollup_rows`)
    ).rows[0];
    log(`data: ${JSON.stringify(counts)}`);

    const appDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-bench-'));
    const server = fork(path.join(__dirname, 'bench', 'bench-server.js'), [url, appDataDir], {
      env: { ...process.env, NODE_ENV: 'production' },
      execArgv: options.semiSpaceMb ? [`--max-semi-space-size=${options.semiSpaceMb}`] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (m: { port: number }) => resolve(m.port));
      server.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
    });
    const token = await issueLocalToken(appDataDir, { sub: 'bench-analyst', roles: [Role.DIRECTORATE], regions: [] });

    const groupBy = [SpendGroupKey.REGION, SpendGroupKey.PROVIDER, SpendGroupKey.FINANCIAL_QUARTER];
    const currentYear = (await client.query(`SELECT spend_financial_year($1::date) AS fy`, [today])).rows[0].fy as string;
    const byRegion = [SpendGroupKey.REGION, SpendGroupKey.FINANCIAL_QUARTER];
    const workloads = [
      { name: 'region, provider, quarter; all years', filter: {}, groupBy },
      { name: `region, provider, quarter; ${currentYear}`, filter: { financialYears: [currentYear] }, groupBy },
      { name: 'region, quarter; all years', filter: {}, groupBy: byRegion },
    ];
    const results = [];
    for (const workload of workloads) {
      const query = `query ($filter: SpendFilter, $groupBy: [SpendGroupKey!]) { spend(filter: $filter, groupBy: $groupBy) {
        rows { regionCode providerId providerName financialYear quarter committed { amount } paid { amount } fixedPaid { amount }
               outcomePaid { amount } outstanding { amount } contracts providers }
        totals { committed { amount } paid { amount } outstanding { amount } contracts providers } } }`;
      let rows = 0;
      const graphql = await time(options.runs, async () => {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables: { filter: workload.filter, groupBy: workload.groupBy } }),
        });
        const text = await response.text();
        if (!rows) {
          // Checked once; afterwards the client only reads the bytes, keeping its own cost out of the figures.
          const body = JSON.parse(text) as { data?: { spend: { rows: unknown[] } }; errors?: unknown };
          if (!body.data) throw new Error(JSON.stringify(body.errors));
          rows = body.data.spend.rows.length;
        }
      });
      const sql = buildSpendQuery({ filter: workload.filter, groupBy: workload.groupBy, measures: 'spend', withProviders: true, withTotals: true });
      await client.query(`SET work_mem = '64MB'`); // as the API sets it for spend queries
      const raw = await time(options.runs, () => client.query(sql.sql, sql.params));
      const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql.sql}`, sql.params)).rows[0]['QUERY PLAN'][0];
      results.push({
        workload: workload.name,
        rows,
        summary: sql.table,
        graphqlOverHttpMs: stats(graphql),
        rawSqlMs: stats(raw),
        sqlExecutionMs: round(plan['Execution Time']),
      });
    }
    server.disconnect();
    await new Promise((resolve) => server.once('exit', resolve));
    await client.end();

    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
    const report = { date: new Date().toISOString(), machine, options, data: counts, results };
    await fs.writeFile(path.join(root, 'spend-benchmark.json'), JSON.stringify(report, null, 2));
    log('');
    log('| national spend grouped by | rows | GraphQL over HTTP median / p95 (ms) | raw SQL median / p95 (ms) |');
    log('|---|---|---|---|');
    for (const r of results) {
      log(`| ${r.workload} | ${r.rows} | ${r.graphqlOverHttpMs.median} / ${r.graphqlOverHttpMs.p95} | ${r.rawSqlMs.median} / ${r.rawSqlMs.p95} |`);
    }
    log(`\n${options.runs} runs each after 3 warm-ups; ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}. Written to .bench/spend-benchmark.json`);
  } finally {
    await embedded.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:spend failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
