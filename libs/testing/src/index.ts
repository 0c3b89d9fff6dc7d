/** Test-only: the service-level test tier's harness (libs/<lib>/test/*.spec.ts). Never imported by src/. */
export * from './test-database';
export * from './lib-test';
export * from './principals';
export * from './fixtures';
export * from './order-fixtures';
