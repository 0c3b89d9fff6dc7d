import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startTestApp, TestApp } from './harness/test-app';

/**
 * `npm run token`, as a developer runs it: usage on --help, and no token printed that the app would
 * refuse or misread (a provider without its organisation, a commissioner without a region, or one
 * person on both sides of the market).
 */
interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

let dataDir: string;

async function token(...args: string[]): Promise<Ran> {
  return tokenIn(dataDir, ...args);
}

async function tokenIn(directory: string, ...args: string[]): Promise<Ran> {
  return promisify(execFile)('npm', ['run', 'token', '--', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATA_DIR: directory },
    timeout: 60_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-token-cli-'));
  await promisify(execFile)(process.execPath, ['scripts/ensure-built.mjs'], { timeout: 180_000 });
}, 200_000);

afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('npm run token', () => {
  it('--help prints the usage: roles, regions, org, lifetime and examples; exit code 0', async () => {
    const ran = await token('--help');
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    for (const text of [
      '--role',
      'commissioner',
      'provider',
      'directorate',
      'auditor',
      'admin',
      'regional_director',
      'commercial',
      '--region',
      'north-west',
      'wales',
      '--org',
      '--sub',
      '--expires-in',
      '12h',
      'Examples:',
    ]) {
      expect(ran.stdout).toContain(text);
    }
    expect(ran.stdout).toContain('npm run token -- --role provider --org GB-CHC-9990001');
  });

  it.each([
    [['--role', 'provider'], /PROVIDER token needs --org/],
    [['--role', 'commissioner'], /COMMISSIONER token needs --region/],
    [
      ['--role', 'commissioner', '--region', 'wales', '--role', 'provider', '--org', 'GB-CHC-9990001'],
      /either COMMISSIONER .* or PROVIDER .*not both/,
    ],
    [['--role', 'admin', '--expires-in', 'forever'], /--expires-in must be/],
    [['--role', 'janitor'], /unknown role "janitor"/],
  ])('refuses %j with a message on stderr, exit code 2, and no token', async (args, message) => {
    const ran = await token(...args);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(message);
    expect(ran.stderr).toContain('npm run token -- --help');
  });

  it('creates one signing key when several copies start at once on a new DATA_DIR (none reads it half-written)', async () => {
    const fresh = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-token-race-'));
    try {
      const runs = await Promise.all(Array.from({ length: 6 }, () => tokenIn(fresh, '--role', 'directorate')));
      expect(runs.map((r) => [r.code, r.stderr])).toEqual(runs.map(() => [0, '']));
      const kids = new Set(runs.map((r) => decodeProtectedHeader(r.stdout.trim()).kid));
      expect(kids.size).toBe(1);
    } finally {
      await fs.rm(fresh, { recursive: true, force: true });
    }
  });

  describe('a token it prints', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({}, { dataDir });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('carries the claims and lifetime asked for, alone on stdout, and the app accepts it', async () => {
      const ran = await token('--role', 'provider', '--org', 'GB-CHC-9990001', '--sub', 'bids-cli', '--expires-in', '30m');
      expect(ran).toMatchObject({ code: 0, stderr: '' });
      expect(ran.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      const claims = decodeJwt(ran.stdout.trim());
      expect(claims).toMatchObject({ sub: 'bids-cli', roles: ['PROVIDER'], org: 'GB-CHC-9990001', regions: [] });
      expect(claims.exp! - claims.iat!).toBe(30 * 60);
      const answer = await app.gql('{ regions { code } }', {}, ran.stdout.trim());
      expect(answer.errors).toBeUndefined();
      expect(answer.data.regions.length).toBeGreaterThan(0);
    });
  });
});
