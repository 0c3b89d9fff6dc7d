// @ts-check
/**
 * Type-aware lint for the whole repository (apps, libs, tests, bench). Types come from the nearest
 * tsconfig.json of each file (projectService): tsconfig.json for apps and libs, bench/tsconfig.json
 * for the benchmark. Run with `npm run lint`.
 */
import fs from 'node:fs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const LIBS = fs
  .readdirSync(new URL('./libs', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every file: a lib is used through its index only, never `@mkt/<lib>/<path>`. */
const DEEP_IMPORT = {
  regex: '^@mkt/[^/]+/',
  message: 'Import a lib through its index only (`@mkt/<lib>`); export what you need from libs/<lib>/src/index.ts.',
};
/** Relative paths that climb into libs/ from outside it (apps, bench, tests). */
const RELATIVE_INTO_LIBS = {
  regex: '^(\\.\\./)+libs/',
  message: 'Use `@mkt/<lib>`, not a relative path into libs/.',
};
/** Libs never depend on the app that wires them. */
const INTO_APPS = {
  regex: '(^|/)apps/',
  message: 'A lib must not import from apps/**: move what it needs into the lib (or libs/common).',
};

/**
 * From inside libs/<lib>, a relative path whose climb ends in another lib's name
 * (`../../../budgets/src/...`, `../../../../libs/budgets/...`) leaves this lib for that one. No lib
 * has a folder named after another lib, so the name alone decides.
 */
function otherLibs(lib) {
  const others = LIBS.filter((name) => name !== lib).map(escapeRegex);
  return {
    regex: `^(\\.\\./)+(libs/)?(${others.join('|')})(/|$)`,
    message: `libs/${lib} must use another lib through \`@mkt/<lib>\`, not a relative path into it.`,
  };
}

const restrictImports = (...patterns) => ['error', { patterns }];

/**
 * Services hold rules, repositories hold SQL (issue 12, CONTRIBUTING "Add a library"): a file under
 * libs/<lib>/src/services neither imports the query helpers nor calls `.query(...)` on a manager.
 */
const SQL_IN_SERVICES = 'A service runs no SQL: put the statement in libs/<lib>/src/repositories/ (one repository per aggregate) and call it.';
const SQL_HELPERS = { name: '@mkt/database', importNames: ['queryRows', 'queryOne', 'fetchKeysetPage'], message: SQL_IN_SERVICES };

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '.bench/**', 'bench/results/**', 'libs/publication/ocds-schemas/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // `x == null` is the one loose comparison worth keeping: it means null or undefined.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // As tsc's noUnusedLocals/noUnusedParameters: a `_`-prefixed name is meant to be unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': restrictImports(DEEP_IMPORT, RELATIVE_INTO_LIBS),
    },
  },
  ...LIBS.flatMap((lib) => [
    {
      files: [`libs/${lib}/**/*.ts`],
      rules: { 'no-restricted-imports': restrictImports(DEEP_IMPORT, INTO_APPS, otherLibs(lib)) },
    },
    {
      files: [`libs/${lib}/src/services/**/*.ts`],
      rules: {
        'no-restricted-imports': ['error', { paths: [SQL_HELPERS], patterns: [DEEP_IMPORT, INTO_APPS, otherLibs(lib)] }],
        'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='query']", message: SQL_IN_SERVICES }],
      },
    },
  ]),
  {
    // Tests read GraphQL results, parsed JSON and log lines typed `any`: checking each access would
    // only add casts. Everything else (floating promises above all) stays on.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'apps/api/test/harness/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Size limits (issue 12): no file over 400 lines, no function over 60. Blank lines and comments
    // count, as ESLint counts them by default.
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 60 }],
    },
  },
  {
    // A spec's describe/it callbacks are lists of cases, not logic: a long describe is many short
    // tests, so the function rule is off there (the file rule still applies). Test harness files
    // (apps/*/test/harness/**) are ordinary code and keep both rules.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    // Exempt from both size rules. The GraphQL operation types are generated (npm run codegen) and
    // never edited by hand, so their size is codegen's. Migrations are frozen once merged
    // (CONTRIBUTING: databases in the field have run them, never edit one), so an old one could not
    // be split to meet the rules; and a migration's `up` is SQL text, whose length is the schema's.
    files: ['apps/api/test/operations/generated.ts', 'libs/*/src/migrations/**'],
    rules: { 'max-lines': 'off', 'max-lines-per-function': 'off' },
  },
  {
    // Plain JavaScript (this file, scripts/) is in no tsconfig: lint it without type information.
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
