/**
 * The benchmark's database: an embedded PostgreSQL in `.bench/<scale>-<seed>/`, seeded once with
 * `npm run seed` (the same CLI a developer uses) and reused while its marker says the same scale
 * and seed. Also turns statement logging on and off for the capture and sizes budgets for W1.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { freePort, ROOT } from './processes';

const DATABASE = 'marketplace';

interface EmbeddedPostgresLike {
  start(): Promise<string>;
  stop(): Promise<void>;
  url(database?: string): string;
}

export interface BenchDatabase {
  url: string;
  adminUrl: string;
  dataRoot: string;
  logFile: string;
  seeded: { scale: string; seed: number; counts?: Record<string, number>; seconds?: number; reused: boolean };
  stop(): Promise<void>;
}

export async function prepareDatabase(options: { scale: string; seed: number; fresh: boolean; log: (m: string) => void }): Promise<BenchDatabase> {
  const dataRoot = path.join(ROOT, '.bench', `${options.scale}-${options.seed}`);
  const marker = path.join(dataRoot, 'seeded.json');
  if (options.fresh) fs.rmSync(dataRoot, { recursive: true, force: true });
  fs.mkdirSync(dataRoot, { recursive: true });
  // The built EmbeddedPostgres (libs/database): the same server the app and the tests use.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built module, by a path known only at run time
  const { EmbeddedPostgres } = require(path.join(ROOT, 'dist/libs/database/src/embedded-postgres.js')) as {
    EmbeddedPostgres: new (o: { dataDir: string; port: number; logFile?: string }) => EmbeddedPostgresLike;
  };
  const logFile = path.join(dataRoot, 'postgres.log');
  const embedded = new EmbeddedPostgres({ dataDir: path.join(dataRoot, 'pg'), port: await freePort(), logFile });
  await embedded.start();
  const adminUrl = embedded.url('postgres');
  const url = embedded.url(DATABASE);

  let seeded: BenchDatabase['seeded'] | undefined;
  if (fs.existsSync(marker)) {
    const previous = JSON.parse(fs.readFileSync(marker, 'utf8')) as Omit<BenchDatabase['seeded'], 'reused'>;
    if (previous.scale === options.scale && previous.seed === options.seed) seeded = { ...previous, reused: true };
  }
  if (!seeded) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    options.log(`seeding --scale ${options.scale} --seed ${options.seed} (a large seed takes a few minutes)`);
    const output = await runSeed(url, options.scale, options.seed);
    seeded = { ...output, reused: false };
    fs.writeFileSync(marker, JSON.stringify(output, null, 2));
  } else {
    options.log(`reusing the ${options.scale} database seeded with --seed ${options.seed} (${dataRoot}; --fresh to seed again)`);
  }
  return { url, adminUrl, dataRoot, logFile, seeded, stop: () => embedded.stop() };
}

interface SeedOutput {
  scale: string;
  seed: number;
  counts: Record<string, number>;
  seconds: number;
}

function runSeed(url: string, scale: string, seed: number): Promise<SeedOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps/api/src/cli/seed.js'), '--scale', scale, '--seed', String(seed)], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`npm run seed failed (exit ${code})`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as SeedOutput);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** Logs every statement with the connection's application_name, so app and floor can be told apart. */
export async function setStatementLogging(adminUrl: string, on: boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    if (on) {
      await admin.query(`ALTER SYSTEM SET log_statement = 'all'`);
      await admin.query(`ALTER SYSTEM SET log_line_prefix = '%m [%p] app=%a '`);
    } else {
      await admin.query('ALTER SYSTEM RESET log_statement');
      await admin.query('ALTER SYSTEM RESET log_line_prefix');
    }
    await admin.query('SELECT pg_reload_conf()');
  } finally {
    await admin.end();
  }
  await new Promise((r) => setTimeout(r, 300));
}

/** Statements logged since `offset` in the server log, per application_name, in order. */
export function readStatements(logFile: string, offset: number): Map<string, string[]> {
  const text = fs.readFileSync(logFile).subarray(offset).toString('utf8');
  const records: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(line)) records.push(line);
    else if (records.length) records[records.length - 1] += `\n${line}`;
  }
  const byApp = new Map<string, string[]>();
  for (const record of records) {
    const match = /^\S+ \S+ \S+ \[\d+\] app=(\S*) LOG:\s+(?:statement|execute [^:]+): ([\s\S]*)$/.exec(record);
    if (!match) continue;
    const list = byApp.get(match[1]) ?? [];
    list.push(normaliseSql(match[2]));
    byApp.set(match[1], list);
  }
  return byApp;
}

export function normaliseSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

export function logSize(logFile: string): number {
  return fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
}
