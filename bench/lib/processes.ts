/** Child processes of the benchmark: the app (built, as `npm start` runs it) and the floor. */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  logFile: string;
  /** `process.memoryUsage()` of the child (through the memory probe), optionally after a full GC. */
  memory(gc?: boolean): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  entry: string;
  env: Record<string, string>;
  logDir: string;
  nodeArgs?: string[];
}

/** Starts a node server and waits until GET /health/live answers. */
export async function startServer(options: StartOptions): Promise<Server> {
  const port = await freePort();
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const log = fs.openSync(logFile, 'w');
  const probe = path.join(ROOT, 'dist', 'bench', 'lib', 'memory-probe.js');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--expose-gc', '-r', probe, options.entry], {
    cwd: ROOT,
    env: { ...pickEnv(), ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log, 'ipc'],
  });
  fs.closeSync(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${options.name} exited during start; see ${logFile}:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${url}/health/live`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${options.name} did not start within 60 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  let nextId = 0;
  return {
    name: options.name,
    url,
    child,
    logFile,
    memory(gc = false) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${options.name}: no memory answer`)), 10_000);
        const onMessage = (message: { type?: string; id?: number; usage?: NodeJS.MemoryUsage }) => {
          if (message?.type !== 'memory' || message.id !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(message.usage!);
        };
        child.on('message', onMessage);
        child.send({ type: 'memory', gc, id });
      });
    },
    async stop() {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await done;
      clearTimeout(timer);
    },
  };
}

/** The parent's environment minus settings that would change what the app does under test. */
function pickEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(DATABASE_URL|DATA_DIR|PORT|HOST|DB_POOL_SIZE|LOG_LEVEL|NODE_ENV|DEMO_DATA|HTTP_ADAPTER)$/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}
