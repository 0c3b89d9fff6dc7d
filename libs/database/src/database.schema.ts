import { type SchemaOwnership } from './schema-ownership';

/** The migration runner's own table (runMigrations). */
export const DATABASE_SCHEMA: SchemaOwnership = {
  lib: 'database',
  tables: ['schema_migrations'],
  views: [],
  publishes: {},
  functions: [],
  triggers: [],
  types: [],
};
