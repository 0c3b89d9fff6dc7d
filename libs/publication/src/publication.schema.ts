import { type SchemaOwnership } from '@mkt/database';

/** What the publication library owns in the database and publishes to others (docs/adr/0005). */
export const PUBLICATION_SCHEMA: SchemaOwnership = {
  lib: 'publication',
  tables: ['supply_chain_publication'],
  views: [],
  publishes: {},
  functions: [],
  triggers: ['supply_chain_publication_immutable', 'supply_chain_publication_no_truncate'],
  types: [],
};
