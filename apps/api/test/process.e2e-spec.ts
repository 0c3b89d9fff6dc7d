import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { issueLocalToken, Role } from '@mkt/auth';
import { financialYearOf } from '@mkt/common';
import { freePort } from './harness/global-setup';
import { descendants, isAlive, jsonLines, killLeftovers, npmStart, postgresFor, run, Started, waitFor } from './harness/processes';

/**
 * The built app as a process, directly and through `npm start` (as a supervisor runs it): a bad
 * setting or a busy port stops it at start with the setting's name; SIGTERM or SIGINT sent to the
 * npm process stops the app gracefully, and its embedded PostgreSQL with it; the log is JSON lines.
 */
beforeAll(async () => {
  // Builds only when dist is missing or older than the sources (normally done by `npm ci`).
  await promisify(execFile)(process.execPath, ['scripts/ensure-built.mjs'], { timeout: 180_000 });
}, 200_000);

/** A local app's environment: its own data directory and embedded PostgreSQL, on free ports unless `env` names them. */
async function localApp(dataDir: string, env: Record<string, string>): Promise<Record<string, string>> {
  return {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    EMBEDDED_PG_PORT: String(await freePort()),
    ...env,
  };
}

describe('the API process', () => {
  it('refuses to start with a bad setting, naming it (exit code 78)', async () => {
    const started = run({ GRAPHQL_MAX_DEPTH: 'deep', RATE_LIMIT_STORE: 'redis', NODE_ENV: 'production' });
    const { code } = await started.exited;
    expect(code).toBe(78);
    await started.closed;
    // One JSON line, as everything the app writes, naming every bad setting.
    jsonLines(started.stderr(), 'stderr');
    const fatal = jsonLines(started.stdout(), 'stdout');
    expect(fatal).toEqual([expect.objectContaining({ level: 60, problems: expect.any(Array) })]);
    for (const name of ['GRAPHQL_MAX_DEPTH', 'RATE_LIMIT_STORE', 'DATABASE_URL', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) {
      expect(fatal[0].msg).toContain(name);
    }
  });

  it('on SIGTERM stops taking requests, finishes the one in flight, then stops PostgreSQL; exit code 0', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-process-'));
    const port = await freePort();
    const pgPort = await freePort();
    const started = run(await localApp(dataDir, { PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), DEMO_DATA: 'off', LOG_LEVEL: 'info' }));
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
      const registered = await gql(`mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`, {
        input: {
          identifier: 'GB-CHC-1200001',
          legalName: 'In Flight Trust',
          organisationType: 'REGISTERED_CHARITY',
          incomeBand: 'UNDER_100K',
          contactEmail: 'a@example.org',
        },
      });
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
      await waitFor(
        'the port to close',
        async () =>
          (await fetch(`${url}/health/live`).then(
            () => false,
            () => true,
          )) || undefined,
        5_000,
      );
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
      const started = run(await localApp(dataDir, { PORT: String(port), LOG_LEVEL: 'info' }));
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
      // The demo budgets are for the financial year the data was loaded in, whatever year that is.
      const thisYear = financialYearOf(new Date().toISOString().slice(0, 10));
      const budgets = (await first.gql(`{ budgets(filter: { financialYears: ["${thisYear}"] }) { regionCode allocated { amount } } }`)).data.budgets;
      expect(budgets).toHaveLength(7);
      expect(new Set(budgets.map((b: { allocated: { amount: string } }) => b.allocated.amount))).toEqual(new Set(['250000.00']));
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
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '`npm start` stops the app and its PostgreSQL when the npm process gets %s, and logs only JSON lines, no warnings',
    async (signal) => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-npm-start-'));
      const port = await freePort();
      const started = npmStart(await localApp(dataDir, { PORT: String(port), LOG_LEVEL: 'info' }));
      const url = `http://127.0.0.1:${port}`;
      let below: number[] = [];
      try {
        await waitFor('the app to be ready', async () => ((await fetch(`${url}/health/ready`)).ok ? true : undefined), 60_000);
        const token = await issueLocalToken(dataDir, { sub: 'analyst-npm', roles: [Role.DIRECTORATE] });
        // Several at once, so the pool opens connections while serving requests.
        const answers = await Promise.all(
          Array.from({ length: 6 }, () =>
            fetch(`${url}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: '{ organisations(first: 5) { totalCount } spend { totals { contracts } } }' }),
            }).then((r) => r.json() as Promise<{ data?: any }>),
          ),
        );
        for (const answer of answers) expect(answer.data?.organisations.totalCount).toBe(5);
        below = descendants(started.child.pid!);
        const postgres = postgresFor(dataDir);
        expect(postgres.length).toBeGreaterThan(0);
        expect(below).toEqual(expect.arrayContaining(postgres));

        // To the npm process only, as a supervisor (systemd, a container runtime) sends it.
        started.child.kill(signal);
        // Bounded: when the signal does not reach node, npm waits for its shell for ever.
        const stuck = new Promise<string>((resolve) => setTimeout(() => resolve('npm still running after 30 s'), 30_000).unref());
        expect(await Promise.race([started.exited, stuck])).toEqual({ code: 0, signal: null });
        expect(below.filter(isAlive)).toEqual([]);
        expect(postgresFor(dataDir)).toEqual([]);
        expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

        await started.closed;
        const lines = jsonLines(started.stdout(), 'stdout');
        jsonLines(started.stderr(), 'stderr');
        expect(lines.map((line) => line.msg)).toEqual(
          expect.arrayContaining(['demo data loaded (DEMO_DATA=off skips it)', 'embedded PostgreSQL stopped', 'bye']),
        );
        expect(lines.filter((line) => line.level >= 40)).toEqual([]);
        const shuttingDown = lines.findIndex((line) => line.msg === 'shutting down: no new requests, finishing those in flight');
        expect(lines[shuttingDown]).toMatchObject({ signal });
        // Nothing after the last request belongs to a request.
        expect(lines.slice(shuttingDown).filter((line) => line.requestId !== undefined)).toEqual([]);
      } finally {
        killLeftovers(below, dataDir);
        await fs.rm(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('names EMBEDDED_PG_PORT when another process listens on that port: one JSON line, exit code 78', async () => {
    const blocker = net.createServer();
    const taken = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)));
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-busy-port-'));
    const started = npmStart(await localApp(dataDir, { EMBEDDED_PG_PORT: String(taken), LOG_LEVEL: 'info' }));
    try {
      expect((await started.exited).code).toBe(78);
      expect(postgresFor(dataDir)).toEqual([]);
      await started.closed;
      jsonLines(started.stderr(), 'stderr');
      const fatal = jsonLines(started.stdout(), 'stdout').filter((line) => line.level === 60);
      expect(fatal).toEqual([expect.objectContaining({ setting: 'EMBEDDED_PG_PORT', port: taken })]);
      expect(fatal[0].msg).toContain(`EMBEDDED_PG_PORT ${taken} is in use by another process`);
      expect(postgresFor(dataDir)).toEqual([]);
    } finally {
      killLeftovers(descendants(started.child.pid!), dataDir);
      blocker.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
  it('keeps every local data directory out of git: .data/ and .data-2/ (a second copy of the app) alike', async () => {
    const ignored = async (file: string) =>
      promisify(execFile)('git', ['check-ignore', '--no-index', '--quiet', file]).then(
        () => true,
        () => false,
      );
    for (const file of ['.data/pg/PG_VERSION', '.data-2/pg/PG_VERSION', '.data-replica/local-signing-key.json']) {
      expect([file, await ignored(file)]).toEqual([file, true]);
    }
    expect(await ignored('apps/api/src/main.ts')).toBe(false);
  });
  it('names PORT when another process listens on the HTTP port, and stops its PostgreSQL; exit code 78', async () => {
    const blocker = net.createServer();
    const taken = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)));
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-busy-http-'));
    const started = run(await localApp(dataDir, { PORT: String(taken), DEMO_DATA: 'off' }));
    try {
      expect((await started.exited).code).toBe(78);
      const fatal = jsonLines(started.stdout(), 'stdout').filter((line) => line.level === 60);
      expect(fatal).toEqual([expect.objectContaining({ setting: 'PORT', port: taken, msg: expect.stringContaining(`PORT ${taken} is in use`) })]);
      await waitFor('PostgreSQL to stop', () => (postgresFor(dataDir).length === 0 ? true : undefined), 30_000);
    } finally {
      killLeftovers([], dataDir);
      blocker.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a SIGTERM while the app is still starting stops its PostgreSQL too', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-early-term-'));
    const started = run(await localApp(dataDir, { LOG_LEVEL: 'info' }));
    try {
      // Between these two lines: migrations, the app's modules and the demo data (a second or two).
      await waitFor('PostgreSQL to run', () => (started.stdout().includes('embedded PostgreSQL is running') ? true : undefined), 60_000);
      started.child.kill('SIGTERM');
      await started.exited;
      expect(started.stdout()).not.toContain('API listening');
      await waitFor('PostgreSQL to stop', () => (postgresFor(dataDir).length === 0 ? true : undefined), 30_000);
    } finally {
      killLeftovers([started.child.pid!], dataDir);
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
  it.each([
    ['builds', 'mkdir -p dist/apps/api/src && touch dist/apps/api/src/main.js', 0],
    ['fails to build', 'echo "apps/x.ts(1,1): error TS1005: expected" && exit 2', 1],
  ])('the build step of `npm start` (prestart) reports in JSON lines when it %s a missing dist', async (_what, fakeBuild, exitCode) => {
    // A throw-away project whose `npx` stands in for the Nest build: no real build, no registry.
    const project = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-ensure-built-'));
    try {
      await fs.mkdir(path.join(project, 'apps'), { recursive: true });
      await fs.mkdir(path.join(project, 'libs'), { recursive: true });
      await fs.mkdir(path.join(project, 'bin'));
      await fs.writeFile(path.join(project, 'apps', 'x.ts'), 'export {};\n');
      await fs.writeFile(path.join(project, 'bin', 'npx'), `#!/bin/sh\n${fakeBuild}\n`, { mode: 0o755 });
      const ran = await promisify(execFile)(process.execPath, [path.resolve('scripts/ensure-built.mjs')], {
        cwd: project,
        env: { PATH: `${path.join(project, 'bin')}:${process.env.PATH ?? ''}` },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
      expect(ran.code).toBe(exitCode);
      expect(ran.stderr).toBe('');
      const lines = jsonLines(ran.stdout, 'stdout');
      expect(lines[0]).toMatchObject({ level: 30, msg: expect.stringContaining('building the API') });
      if (exitCode) expect(lines.at(-1)).toMatchObject({ level: 60, output: expect.stringContaining('error TS1005') });
      else expect(existsSync(path.join(project, 'dist/apps/api/src/main.js'))).toBe(true);
    } finally {
      await fs.rm(project, { recursive: true, force: true });
    }
  });
});
