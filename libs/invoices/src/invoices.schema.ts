import { type SchemaOwnership } from '@mkt/database';

/** What the invoices library owns in the database and publishes to others (docs/adr/0005). */
export const INVOICES_SCHEMA: SchemaOwnership = {
  lib: 'invoices',
  tables: ['invoice'],
  views: [],
  publishes: {},
  functions: [],
  triggers: [],
  types: [],
};
