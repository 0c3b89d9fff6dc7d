import { type SchemaOwnership } from '@mkt/database';

/** What the audit library owns in the database and publishes to others (docs/adr/0005). */
export const AUDIT_SCHEMA: SchemaOwnership = {
  lib: 'audit',
  tables: ['audit_event'],
  views: [],
  publishes: {},
  functions: ['forbid_change_to_append_only'],
  triggers: ['audit_event_append_only', 'audit_event_no_truncate'],
  types: [],
};
