import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../api/test/harness/global-setup';

/**
 * `npm start` (the built app, from the project root) serves the pages at / next to /graphql on one
 * port, with the GOV.UK assets, on its embedded database and demo data.
 */
const ENTRY = path.resolve('dist/apps/api/src/main.js');

describe('npm start serves the web service', () => {
  let child: ChildProcess | undefined;
  let output = '';
  let dataDir = '';

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, ['scripts/ensure-built.mjs'], { timeout: 180_000 });
  }, 200_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('answers the start page, its stylesheet and /graphql on the same port', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-web-start-'));
    const port = await freePort();
    child = spawn(process.execPath, [ENTRY], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.tmpdir(),
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        EMBEDDED_PG_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    let page: Response | undefined;
    for (let tries = 0; tries < 600 && !page; tries++) {
      page = await fetch(`${base}/`).catch(() => undefined);
      if (!page) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(page?.status).toBe(200);
    expect(await page!.text()).toContain('NPS Commissioning Marketplace');
    const css = await fetch(`${base}/assets/govuk/govuk-frontend.min.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    const font = await fetch(`${base}/assets/fonts/bold-b542beb274-v2.woff2`);
    expect(font.status).toBe(200); // the fonts the stylesheet asks for, at /assets/fonts
    const signIn = await fetch(`${base}/sign-in`);
    expect(await signIn.text()).toContain('Development only');
    const api = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
  }, 90_000);

  it('refuses to start in production with incomplete OIDC settings, naming each (exit code 78)', async () => {
    const refused = spawn(process.execPath, [ENTRY], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.tmpdir(),
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none',
        AUTH_JWKS_URL: 'https://idp.example.test/jwks',
        AUTH_ISSUER: 'https://idp.example.test',
        AUTH_AUDIENCE: 'api',
        OIDC_ISSUER: 'https://idp.example.test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    // The refusal is one fatal JSON line on stdout (every line the app writes is JSON).
    refused.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
    refused.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => refused.once('exit', resolve));
    expect(code).toBe(78);
    for (const name of ['SESSION_SECRET', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI']) expect(said).toContain(name);
  }, 30_000);
});
