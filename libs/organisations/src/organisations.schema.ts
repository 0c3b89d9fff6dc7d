import { type SchemaOwnership } from '@mkt/database';

/** What the organisations library owns in the database and publishes to others (docs/adr/0005). */
export const ORGANISATIONS_SCHEMA: SchemaOwnership = {
  lib: 'organisations',
  tables: ['organisation'],
  views: [],
  publishes: { organisation_profile_v: ['catalogue', 'contracts', 'invoices', 'spend'] },
  functions: [],
  triggers: [],
  types: [],
};
