import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail is append-only. A trigger refuses UPDATE, DELETE and TRUNCATE whatever role the
 * app connects as (triggers bind table owners too); there is no code path that changes a row.
 */
export class AuditTrail1764201600100 implements MigrationInterface {
  name = 'AuditTrail1764201600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_event (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_sub text NOT NULL,
        actor_roles text[] NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        request_id text
      );
      CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, seq);
      CREATE INDEX audit_event_actor_idx ON audit_event (actor_sub, seq);

      CREATE FUNCTION forbid_change_to_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;

      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION forbid_change_to_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_event; DROP FUNCTION forbid_change_to_append_only();');
  }
}
