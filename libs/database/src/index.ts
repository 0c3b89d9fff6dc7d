import './pg-types';
export * from './embedded-postgres';
export * from './migrations';
export * from './sql-logger';
export * from './transaction-runner';
export * from './database.module';
export * from './pg-errors';
export * from './keyset-page';
export * from './sql';
