import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { issueLocalToken, Role } from '@mkt/auth';
import { freePort } from './harness/global-setup';

/**
 * The built app as a process (`npm start` runs the same file): a bad setting stops it at start with
 * the setting's name; SIGTERM stops it gracefully with a request in flight, and its embedded
 * PostgreSQL with it.
 */
const ENTRY = path.resolve('dist/apps/api/src/main.js');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  // Builds only when dist is missing or older than the sources (normally done by `npm ci`).
  await promisify(execFile)(process.execPath, ['scripts/ensure-built.mjs'], { timeout: 180_000 });
}, 200_000);

describe('the API process', () => {
  it('refuses to start with a bad setting, naming it (exit code 78)', async () => {
    const started = run({ GRAPHQL_MAX_DEPTH: 'deep', RATE_LIMIT_STORE: 'redis', NODE_ENV: 'production' });
    const { code } = await started.exited;
    expect(code).toBe(78);
    for (const name of ['GRAPHQL_MAX_DEPTH', 'RATE_LIMIT_STORE', 'DATABASE_URL', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) {
      expect(started.output()).toContain(name);
    }
  });

  it('on SIGTERM stops taking requests, finishes the one in flight, then stops PostgreSQL; exit code 0', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-process-'));
    const port = await freePort();
    const pgPort = await freePort();
    const started = run({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      DEMO_DATA: 'off',
      LOG_LEVEL: 'info',
    });
    const url = `http://127.0.0.1:${port}`;
    let direct: pg.Client | undefined;
    try {
      await waitFor('the app to be ready', async () => ((await fetch(`${url}/health/ready`)).ok ? true : undefined), 60_000);
      const postmasterPid = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      expect(isAlive(postmasterPid)).toBe(true);

      const admin = await issueLocalToken(dataDir, { sub: 'admin-process', roles: [Role.ADMIN] });
      const gql = (query: string, variables: object) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify({ query, variables }),
        }).then((r) => r.json() as Promise<{ data?: any; errors?: unknown[] }>);
      const registered = await gql(
        `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`,
        { input: { identifier: 'GB-CHC-1200001', legalName: 'In Flight Trust', organisationType: 'REGISTERED_CHARITY', incomeBand: 'UNDER_100K', contactEmail: 'a@example.org' } },
      );
      const id = registered.data.registerOrganisation.id as string;

      // A slow request: the update waits for a row lock this test holds.
      const password = (await fs.readFile(path.join(dataDir, 'postgres-password'), 'utf8')).trim();
      direct = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/marketplace` });
      await direct.connect();
      await direct.query('BEGIN');
      await direct.query('SELECT 1 FROM organisation WHERE id = $1 FOR UPDATE', [id]);
      const inFlight = gql(`mutation ($id: ID!) { updateOrganisation(id: $id, input: { legalName: "Finished In Flight" }) { legalName } }`, { id });
      await waitFor(
        'the update to wait for the lock',
        async () =>
          (await direct!.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'mkt-api' AND wait_event_type = 'Lock'`)).rowCount
            ? true
            : undefined,
        10_000,
      );

      started.child.kill('SIGTERM');
      // No new requests: the listening socket closes at once.
      await waitFor('the port to close', async () => (await fetch(`${url}/health/live`).then(() => false, () => true)) || undefined, 5_000);
      expect(started.child.exitCode).toBeNull();

      await direct.query('ROLLBACK');
      await direct.end();
      direct = undefined;
      expect(await inFlight).toEqual({ data: { updateOrganisation: { legalName: 'Finished In Flight' } } });

      expect(await started.exited).toEqual({ code: 0, signal: null });
      expect(isAlive(postmasterPid)).toBe(false);
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
      const logs = started.output();
      expect(logs).toContain('shutting down: no new requests, finishing those in flight');
      expect(logs).toContain('embedded PostgreSQL stopped');
      expect(logs.indexOf('"path":"/graphql","status":200')).toBeLessThan(logs.indexOf('embedded PostgreSQL stopped'));
    } finally {
      await direct?.end().catch(() => undefined);
      if (started.child.exitCode === null) started.child.kill('SIGKILL');
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('loads the demo data into a new embedded database once, and keeps its data across a restart', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-demo-'));
    const start = async () => {
      const port = await freePort();
      const started = run({ NODE_ENV: 'test', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info' });
      const url = `http://127.0.0.1:${port}`;
      await waitFor('the app to be ready', async () => ((await fetch(`${url}/health/ready`)).ok ? true : undefined), 60_000);
      const token = await issueLocalToken(dataDir, { sub: 'analyst', roles: [Role.DIRECTORATE] });
      const gql = (query: string) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        }).then((r) => r.json() as Promise<{ data?: any }>);
      return { started, gql };
    };
    const stop = async (started: Started) => {
      started.child.kill('SIGTERM');
      expect(await started.exited).toEqual({ code: 0, signal: null });
    };
    const COUNTS = `{ organisations(first: 100) { totalCount } serviceOffers(first: 100) { totalCount } spend { totals { contracts paid { amount } } } }`;
    try {
      const first = await start();
      const seen = (await first.gql(COUNTS)).data;
      expect(seen.organisations.totalCount).toBe(5);
      expect(seen.serviceOffers.totalCount).toBe(5);
      expect(seen.spend.totals.contracts).toBe(2);
      expect(first.started.output()).toContain('demo data loaded');
      await first.gql(`mutation { setBudget(input: { regionCode: "wales", financialYear: "2030-31", amount: "1.00" }) { id } }`);
      await stop(first.started);

      // Same DATA_DIR: the same database, with what was written, and no second load of the demo data.
      const second = await start();
      expect((await second.gql(COUNTS)).data).toEqual(seen);
      expect((await second.gql(`{ budgets(filter: { financialYears: ["2030-31"] }) { allocated { amount } } }`)).data.budgets).toEqual([
        { allocated: { amount: '1.00' } },
      ]);
      expect(second.started.output()).not.toContain('demo data loaded');
      await stop(second.started);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
