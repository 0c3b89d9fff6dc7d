import { type SchemaOwnership } from '@mkt/database';

/** What the spend library owns in the database and publishes to others (docs/adr/0005). */
export const SPEND_SCHEMA: SchemaOwnership = {
  lib: 'spend',
  tables: [],
  // Its own views over the read models published to it; the reports query these.
  views: ['spend_contract_quarter', 'spend_provider_quarter', 'spend_provider_v', 'spend_offer_cost_v', 'spend_outcome_v'],
  publishes: {},
  functions: [],
  triggers: [],
  types: [],
};
