import { type SchemaOwnership } from '@mkt/database';

/** What the budgets library owns in the database and publishes to others (docs/adr/0005). */
export const BUDGETS_SCHEMA: SchemaOwnership = {
  lib: 'budgets',
  tables: ['budget'],
  views: [],
  publishes: { budget_v: ['spend'] },
  functions: [],
  triggers: [],
  types: [],
};
