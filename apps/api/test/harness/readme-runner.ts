import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Role, TokenClaims } from '@mkt/auth';
import { GqlResult, TestApp } from './test-app';

/**
 * Runs a worked example from README.md the way a reader would: its `sh` block goes through bash
 * as written, with `date` answering a chosen moment, `npm run token` and `curl` recording what
 * they were asked for instead of running. The recorded GraphQL requests are then sent to a test
 * app in order, the `<... id>` placeholders filled from earlier answers as the reader would.
 */
export interface ReadmeRequest {
  /** The arguments after `npm run token --`. */
  tokenArgs: string[];
  /** The request body as the shell built it, placeholders still in. */
  body: string;
  /** From a following `# -> error CODE` comment. */
  expectedError?: string;
}

export interface ReadmeRun {
  stdout: string;
  requests: ReadmeRequest[];
}

const SHIMS = String.raw`
date() { command date -d "$README_NOW" "$@"; }
npm() { printf 'readme-token'; printf ' %s' "$@"; }
curl() {
  local auth= body=
  while [ $# -gt 0 ]; do
    case "$1" in
      -H) case "$2" in authorization:*) auth="$2";; esac; shift 2;;
      -d) body="$2"; shift 2;;
      *) shift;;
    esac
  done
  printf '\036%s\037%s\036' "$auth" "$body"
}
`;

/** The first `sh` block after the heading (a whole line of README.md). */
export function readmeShellBlock(heading: string): string {
  const text = fs.readFileSync(path.resolve(process.cwd(), 'README.md'), 'utf8');
  const at = text.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`README.md has no heading "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  if (!block) throw new Error(`README.md has no sh block after "${heading}"`);
  return block[1];
}

/** Runs the block in bash on `now` (ISO date-time) and returns what it would have sent. */
export function runReadmeBlock(script: string, now: string): ReadmeRun {
  const stdout = execFileSync('bash', ['-c', SHIMS + script], { env: { ...process.env, README_NOW: now }, encoding: 'utf8' });
  const sent = [...stdout.matchAll(/\x1e([^\x1f]*)\x1f([^\x1e]*)\x1e/g)];
  const expectations = expectedErrors(script);
  if (expectations.length !== sent.length) {
    throw new Error(`README block has ${expectations.length} gql commands but sent ${sent.length} requests`);
  }
  return {
    stdout: stdout.replace(/\x1e[^\x1e]*\x1e/g, ''),
    requests: sent.map((m, i) => ({
      tokenArgs: m[1].replace(/^authorization: Bearer readme-token run token --\s*/, '').split(' ').filter(Boolean),
      body: m[2],
      expectedError: expectations[i],
    })),
  };
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

/** The claims `npm run token -- <args>` would put in a token (see apps/api/src/cli/token.ts). */
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

/**
 * Sends the recorded requests in order. `remember` names, for each placeholder, where in an
 * answer its value appears; a placeholder nobody has answered yet fails the run.
 */
export async function sendReadmeRequests(
  app: TestApp,
  requests: ReadmeRequest[],
  remember: Record<string, (data: any) => unknown>,
): Promise<GqlResult[]> {
  const known: Record<string, string> = {};
  const results: GqlResult[] = [];
  for (const [index, request] of requests.entries()) {
    const body = request.body.replace(/<([a-z ]+ id)>/g, (_, name: string) => {
      if (!known[name]) throw new Error(`request ${index + 1} needs <${name}>, which no earlier answer gave`);
      return known[name];
    });
    const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    const result = await app.gql(query, variables, await app.token(claimsOf(request.tokenArgs)));
    const code = result.errors?.[0]?.extensions?.code;
    if (code !== request.expectedError) {
      throw new Error(`request ${index + 1} (${query.slice(0, 60)}...) answered ${JSON.stringify(result.errors ?? result.data)}`);
    }
    for (const [name, pick] of Object.entries(remember)) {
      const value = result.data ? pick(result.data) : undefined;
      if (typeof value === 'string') known[name] = value;
    }
    results.push(result);
  }
  return results;
}
