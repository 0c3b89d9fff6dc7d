import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: the award route's record (justification, framework), the running total and flags seen
 * at placing, the approval level the scheme of delegation asked for, and the date an order waiting
 * for approval expires. Orders placed before keep NONE (or PEER_COMMISSIONER if they went through
 * approval) and no approval due date.
 */
export class OrderAwardRoute1764201630500 implements MigrationInterface {
  name = 'OrderAwardRoute1764201630500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_order
        ADD COLUMN award_justification text,
        ADD COLUMN framework_reference text,
        ADD COLUMN approval_level text NOT NULL DEFAULT 'NONE'
          CHECK (approval_level IN ('NONE', 'PEER_COMMISSIONER', 'REGIONAL_DIRECTOR', 'COMMERCIAL')),
        ADD COLUMN running_total_pence bigint CHECK (running_total_pence > 0),
        ADD COLUMN award_flags text[] NOT NULL DEFAULT '{}',
        ADD COLUMN approval_due_at timestamptz;
      UPDATE service_order SET approval_level = 'PEER_COMMISSIONER'
        WHERE status IN ('PENDING_APPROVAL', 'REJECTED') OR approved_by IS NOT NULL;
      ALTER TABLE service_order ADD CONSTRAINT service_order_pending_needs_level
        CHECK (status <> 'PENDING_APPROVAL' OR approval_level <> 'NONE');
      CREATE INDEX service_order_running_total_idx ON service_order (provider_id, category, region_code, financial_year)
        WHERE status IN ('PENDING_APPROVAL', 'SUBMITTED', 'ACCEPTED');
      CREATE INDEX service_order_approval_due_idx ON service_order (approval_due_at) WHERE status = 'PENDING_APPROVAL';
      CREATE INDEX service_order_budget_approval_due_idx ON service_order (budget_id, approval_due_at) WHERE status = 'PENDING_APPROVAL';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX service_order_budget_approval_due_idx;
      DROP INDEX service_order_approval_due_idx;
      DROP INDEX service_order_running_total_idx;
      ALTER TABLE service_order
        DROP CONSTRAINT service_order_pending_needs_level,
        DROP COLUMN award_justification,
        DROP COLUMN framework_reference,
        DROP COLUMN approval_level,
        DROP COLUMN running_total_pence,
        DROP COLUMN award_flags,
        DROP COLUMN approval_due_at;
    `);
  }
}
