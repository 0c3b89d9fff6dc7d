import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The built app as a child process, for the process tests: spawn it (directly or through
 * `npm start`), find what it started (from /proc), read its JSON log, clean up after a failure.
 */
export const ENTRY = path.resolve('dist/apps/api/src/main.js');

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartedWithStreams extends Started {
  closed: Promise<void>;
  stdout: () => string;
  stderr: () => string;
}

export function spawnAndCollect(command: string, args: string[], env: Record<string, string>): StartedWithStreams {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => ((output += chunk.toString()), (stdout += chunk.toString())));
  child.stderr.on('data', (chunk: Buffer) => ((output += chunk.toString()), (stderr += chunk.toString())));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // Every line written has been read once the pipes close; a process left running keeps them open.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return { child, output: () => output, stdout: () => stdout, stderr: () => stderr, exited, closed };
}

export function run(env: Record<string, string>): StartedWithStreams {
  return spawnAndCollect(process.execPath, [ENTRY], env);
}

/** `npm start` from the project directory, as a process supervisor or a terminal runs it. */
export function npmStart(env: Record<string, string>): StartedWithStreams {
  return spawnAndCollect('npm', ['start'], env);
}

/** Every process below `pid` (from /proc): npm's shell, node, PostgreSQL and its workers. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 2nd field after the command name, which is in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** Pids of the PostgreSQL server processes whose command line names this data directory. */
export function postgresFor(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(path.join(dataDir, 'pg'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Every line must be one JSON object: a log collector reads stdout (and stderr) line by line. */
export function jsonLines(text: string, stream: string): Record<string, any>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        const parsed = JSON.parse(line) as Record<string, any>;
        if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
        return parsed;
      } catch {
        throw new Error(`a line on ${stream} is not JSON: ${line}`);
      }
    });
}

export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // A check that throws (synchronously or not) is one more try, as a rejected one.
    const value = await Promise.resolve()
      .then(check)
      .catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Running, and not a zombie waiting for a parent (init in a container) to reap it. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Cleanup after a failed test: whatever it started and left running. */
export function killLeftovers(pids: number[], dataDir: string): void {
  for (const pid of postgresFor(dataDir)) process.kill(pid, 'SIGQUIT');
  for (const pid of pids.filter(isAlive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
