import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Role, TokenClaims } from '@mkt/auth';
import { TestApp } from './test-app';

/**
 * Runs a worked example from README.md or docs/ the way a reader would: its `sh` block goes through bash
 * as written, with real curl sent to the test app instead of localhost:3000, `date` answering
 * this process's date and `npm run token -- ...` answering a token of the test app with those claims.
 * Needs bash, GNU date and curl. Bash runs asynchronously, as the app answers in this process.
 */
export interface ReadmeExchange {
  /** The request body as the shell built it. */
  body: string;
  /** The parsed answer. */
  answer: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  /** From a following `# -> error CODE` comment: the error the README says this step gets. */
  expectedError?: string;
}

export interface ReadmeRun {
  stdout: string;
  exchanges: ReadmeExchange[];
}

const run = promisify(execFile);

const SHIMS = path.resolve(process.cwd(), 'apps/api/test/harness/readme-shims.bash');

/** The first `sh` block after the heading (a whole line of the Markdown file, README.md unless another is named). */
export function readmeShellBlock(heading: string, file = 'README.md'): string {
  const text = readFileSync(path.resolve(process.cwd(), file), 'utf8');
  const at = text.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`${file} has no heading "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  if (!block) throw new Error(`${file} has no sh block after "${heading}"`);
  return block[1];
}

/**
 * Runs the block in bash against the app; checks each step's error. The block's `date` is this
 * process's date (which a test may have moved).
 */
export async function runReadmeBlock(app: TestApp, script: string): Promise<ReadmeRun> {
  const now = new Date().toISOString();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'readme-run-'));
  try {
    const bash = (env: Record<string, string>) =>
      run('bash', ['-c', `. ${JSON.stringify(SHIMS)}\n${script}`], {
        env: { ...process.env, README_NOW: now, README_URL: app.url, ...env },
        maxBuffer: 16 << 20,
      });
    // A first, dry pass only records which tokens the block asks for.
    const dryLog = path.join(dir, 'dry.log');
    await bash({ README_PASS: 'dry', README_LOG: dryLog });
    const tokenArgs = [...new Set((await fs.readFile(dryLog, 'utf8').catch(() => '')).split('\n').filter(Boolean))];
    const tokens = await Promise.all(tokenArgs.map(async (args) => `${args}\t${await app.token(claimsOf(args.split(' ')))}`));
    await fs.writeFile(path.join(dir, 'tokens.tsv'), tokens.join('\n') + '\n');
    const log = path.join(dir, 'exchanges.log');
    await fs.writeFile(log, '');
    const { stdout } = await bash({ README_PASS: 'real', README_LOG: log, README_TOKENS: path.join(dir, 'tokens.tsv') });
    // eslint-disable-next-line no-control-regex -- readme-shims.bash frames each exchange with ASCII RS/US (\036, \037) on purpose
    const sent = [...(await fs.readFile(log, 'utf8')).matchAll(/\x1e([^\x1f]*)\x1f([^\x1e]*)\x1e/g)];
    const expectations = expectedErrors(script);
    if (expectations.length !== sent.length) {
      throw new Error(`README block has ${expectations.length} gql/curl commands but sent ${sent.length} requests`);
    }
    const exchanges = sent.map((m, i) => ({ body: m[1], answer: JSON.parse(m[2]), expectedError: expectations[i] }));
    for (const [i, exchange] of exchanges.entries()) {
      const code = exchange.answer.errors?.[0]?.extensions?.code;
      if (code !== exchange.expectedError) {
        throw new Error(`README step ${i + 1} sent ${exchange.body.slice(0, 120)}... and got ${JSON.stringify(exchange.answer)}`);
      }
    }
    return { stdout, exchanges };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** For each `gql` (or `curl`) command, in order, the code of a `# -> error CODE` comment before the next one. */
function expectedErrors(script: string): (string | undefined)[] {
  const result: (string | undefined)[] = [];
  for (const line of script.split('\n')) {
    if (/^(gql|curl) /.test(line)) result.push(undefined);
    const error = /^# -> error ([A-Z_]+)/.exec(line);
    if (error && result.length) result[result.length - 1] = error[1];
  }
  return result;
}

/** The claims `npm run token -- <args>` puts in a token (apps/api/src/cli/token.ts). */
export function claimsOf(args: string[]): Omit<TokenClaims, 'sub'> & { sub?: string } {
  const roles: Role[] = [];
  const regions: string[] = [];
  let org: string | undefined;
  let sub: string | undefined;
  for (let i = 0; i < args.length; i += 2) {
    const value = args[i + 1];
    if (args[i] === '--role') roles.push(value.toUpperCase() as Role);
    else if (args[i] === '--region') regions.push(value);
    else if (args[i] === '--org') org = value;
    else if (args[i] === '--sub') sub = value;
    else throw new Error(`unknown token option ${args[i]}`);
  }
  return { roles, regions, ...(org ? { org } : {}), ...(sub ? { sub } : {}) };
}
