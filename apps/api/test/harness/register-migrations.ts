import { registerMigrations } from '@mkt/testing';
import type { MIGRATIONS } from '../../src/migrations';

/**
 * Jest setup file: the app's migration list for @mkt/testing, which as a lib may not import apps/.
 * Loaded lazily, so test files that need no database do not load every lib's migrations. The path is
 * a variable because TypeScript (nodenext) would want a `.js` extension on a literal, which Jest cannot resolve.
 */
const migrationsModule = '../../src/migrations';
registerMigrations(async () => ((await import(migrationsModule)) as { MIGRATIONS: typeof MIGRATIONS }).MIGRATIONS);
