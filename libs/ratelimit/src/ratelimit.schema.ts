import { type SchemaOwnership } from '@mkt/database';

/** What the ratelimit library owns in the database and publishes to others (docs/adr/0005). */
export const RATELIMIT_SCHEMA: SchemaOwnership = {
  lib: 'ratelimit',
  tables: ['rate_limit_counter'],
  views: [],
  publishes: {},
  functions: [],
  triggers: [],
  types: [],
};
