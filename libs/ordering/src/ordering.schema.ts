import { type SchemaOwnership } from '@mkt/database';

/** What the ordering library owns in the database and publishes to others (docs/adr/0005). */
export const ORDERING_SCHEMA: SchemaOwnership = {
  lib: 'ordering',
  tables: ['service_order', 'order_budget_phase'],
  views: [],
  publishes: { service_order_terms_v: ['contracts'] },
  functions: [],
  triggers: [],
  types: [],
};
