import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The lint rules that guard the architecture and the review checklist, checked on snippets linted as
 * if they were files of the repository (ESLint's own process, the repository's eslint.config.mjs,
 * with type information): each rule must fire on what it forbids and stay quiet on what is allowed,
 * so a config change that silently drops one fails here.
 */
interface Finding {
  file: string;
  rules: string[];
}

const LINT_SNIPPETS = `
  import { ESLint } from 'eslint';
  const eslint = new ESLint();
  const cases = JSON.parse(await new Response(process.stdin).text());
  const out = [];
  for (const c of cases) {
    const [result] = await eslint.lintText(c.code, { filePath: c.file });
    out.push({ file: c.file, rules: result.messages.map((m) => m.ruleId ?? m.message) });
  }
  process.stdout.write(JSON.stringify(out));
`;

function lint(cases: { file: string; code: string }[]): Finding[] {
  const root = path.resolve('.');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT_SNIPPETS], {
    cwd: root,
    input: JSON.stringify(cases.map((c) => ({ ...c, file: path.join(root, c.file) }))),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as Finding[]).map((f) => ({ ...f, file: path.relative(root, f.file) }));
}

describe('lint rules', () => {
  // Existing paths, so that the type-aware rules get the file's real project; the text is the snippet's.
  const LIB_FILE = 'libs/ratelimit/src/rate-limiter.ts';
  const APP_FILE = 'apps/api/src/health/health.controller.ts';
  const SERVICE_FILE = 'libs/catalogue/src/services/offer-lock.service.ts';
  const REPOSITORY_FILE = 'libs/catalogue/src/repositories/service-offer.repository.ts';
  const SQL_CALL = `import { EntityManager } from 'typeorm';\nexport async function lock(em: EntityManager): Promise<void> {\n  await em.query('SELECT 1');\n}\n`;
  let findings: Finding[];

  beforeAll(() => {
    findings = lint([
      { file: LIB_FILE, code: `export { Role } from '../../auth/src/role';\n` },
      { file: LIB_FILE, code: `export { Role } from '../../../libs/auth/src/role';\n` },
      { file: LIB_FILE, code: `export { MIGRATIONS } from '../../../apps/api/src/migrations';\n` },
      { file: APP_FILE, code: `export { Role } from '@mkt/auth/role';\n` },
      { file: APP_FILE, code: `export { Role } from '../../../../libs/auth/src/role';\n` },
      { file: LIB_FILE, code: `export { Role } from '@mkt/auth';\nexport { WINDOW_MS } from './rate-limit.store';\n` },
      { file: LIB_FILE, code: `export function later(p: Promise<void>): void {\n  p.then(() => undefined);\n}\n` },
      {
        file: LIB_FILE,
        code: `export const same = (a: string, b: string): boolean => a == b;\nexport const absent = (a?: string): boolean => a == null;\n`,
      },
      {
        file: LIB_FILE,
        code: `export function size(s: 'small' | 'large'): number {\n  switch (s) {\n    case 'small':\n      return 1;\n  }\n  return 0;\n}\n`,
      },
      { file: SERVICE_FILE, code: `export { queryRows } from '@mkt/database';\n` },
      { file: SERVICE_FILE, code: SQL_CALL },
      { file: SERVICE_FILE, code: `export { TransactionRunner } from '@mkt/database';\nexport { Role } from '@mkt/auth/role';\n` },
      { file: REPOSITORY_FILE, code: `export { queryRows } from '@mkt/database';\n` + SQL_CALL },
    ]);
  }, 60_000);

  it('keeps libs apart: no relative path into another lib, nor into apps/', () => {
    expect(findings[0].rules).toEqual(['no-restricted-imports']);
    expect(findings[1].rules).toEqual(['no-restricted-imports']);
    expect(findings[2].rules).toEqual(['no-restricted-imports']);
  });

  it('uses a lib through its index only, from apps too', () => {
    expect(findings[3].rules).toEqual(['no-restricted-imports']);
    expect(findings[4].rules).toEqual(['no-restricted-imports']);
    expect(findings[5].rules).toEqual([]);
  });

  it('reports floating promises, loose equality (but for == null) and non-exhaustive switches', () => {
    expect(findings[6].rules).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(findings[7].rules).toEqual(['eqeqeq']);
    expect(findings[8].rules).toEqual(['@typescript-eslint/switch-exhaustiveness-check']);
  });

  it('keeps SQL out of services (repositories run it), and the other import rules on services', () => {
    expect(findings[9].rules).toEqual(['no-restricted-imports']);
    expect(findings[10].rules).toEqual(['no-restricted-syntax']);
    expect(findings[11].rules).toEqual(['no-restricted-imports']);
    expect(findings[12].rules).toEqual([]);
  });
});
