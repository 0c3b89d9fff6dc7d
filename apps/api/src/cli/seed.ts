/**
 * `npm run seed -- --scale small|medium|large [--seed N]`
 *
 * Fills the database (DATABASE_URL, or the embedded one in DATA_DIR) with deterministic synthetic
 * data at national scale, through COPY into the app's own tables. Refuses a database that already
 * holds orders, so it never mixes with real data.
 */
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '@mkt/config';
import { EmbeddedPostgres, runMigrations } from '@mkt/database';
import { holdsOrders } from '@mkt/ordering';
import { pauseContractSummaries, rebuildContractSummaries } from '@mkt/contracts';
import { MIGRATIONS } from '../migrations';
import { EMBEDDED_DATABASE } from '../bootstrap/database-target';
import { seed, SCALES } from './seed/generate';

function parseArgs(argv: string[]) {
  let scale = 'small';
  let seedValue = 2026;
  let today: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--scale') scale = value();
    else if (flag === '--seed') seedValue = Number(value());
    else if (flag === '--today') today = value();
    else throw new Error(`unknown option ${flag}`);
  }
  if (!SCALES[scale]) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  if (!Number.isInteger(seedValue)) throw new Error('--seed must be a whole number');
  return { scale, seed: seedValue, today: today ?? new Date().toISOString().slice(0, 10) };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  let url = config.databaseUrl;
  let embedded: EmbeddedPostgres | undefined;
  if (!url) {
    embedded = new EmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort });
    const attached = await embedded.attachOrStart();
    if (!attached.started) embedded = undefined; // the app owns it: leave it running
    const admin = new pg.Client({ connectionString: attached.url });
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    await admin.end();
    const u = new URL(attached.url);
    u.pathname = `/${EMBEDDED_DATABASE}`;
    url = u.toString();
  }
  try {
    await runMigrations(url, MIGRATIONS);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      if (await holdsOrders(client))
        throw new Error('the database already holds orders; seed an empty database (e.g. DATA_DIR=.data-bench DEMO_DATA=off)');
      const started = Date.now();
      process.stderr.write(`Seeding scale=${args.scale} seed=${args.seed} today=${args.today}\n`);
      await client.query('BEGIN');
      await pauseContractSummaries(client);
      const counts = await seed(client, { scale: SCALES[args.scale], seed: args.seed, today: args.today });
      process.stderr.write('Rebuilding the spend summary...\n');
      await rebuildContractSummaries(client);
      await client.query('COMMIT');
      await client.query('ANALYZE');
      const seconds = (Date.now() - started) / 1000;
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      process.stderr.write(`Done: ${total} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s)\n`);
      process.stdout.write(`${JSON.stringify({ scale: args.scale, seed: args.seed, seconds, counts })}\n`);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
