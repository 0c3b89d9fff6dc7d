import { type SchemaOwnership } from '@mkt/database';

/** What the catalogue library owns in the database and publishes to others (docs/adr/0005). */
export const CATALOGUE_SCHEMA: SchemaOwnership = {
  lib: 'catalogue',
  tables: ['service_offer', 'service_offer_version'],
  views: [],
  publishes: { service_offer_version_v: ['contracts'], service_offer_cost_v: ['spend'] },
  functions: ['service_category_search_terms'],
  triggers: [],
  types: [],
};
