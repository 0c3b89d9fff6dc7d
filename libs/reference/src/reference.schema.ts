import { type SchemaOwnership } from '@mkt/database';

/** What the reference library owns in the database and publishes to others (docs/adr/0005). */
export const REFERENCE_SCHEMA: SchemaOwnership = {
  lib: 'reference',
  tables: ['region', 'pdu', 'outcome_measure'],
  views: [],
  publishes: { region_v: ['contracts'], pdu_v: ['contracts'] },
  functions: [],
  triggers: [],
  types: [],
};
