import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, per-financial-year phasing: a pot may be an indicative allocation (a later year's
 * planning figure, confirmed by setting it again as firm), and it keeps what has been paid from its
 * commitment and what was released from a commitment back to remaining. `committed` includes what
 * is paid; `released` is history (it is already back in remaining). Spend's forecast reads the
 * published view.
 */
export class BudgetPhasing1764201611100 implements MigrationInterface {
  name = 'BudgetPhasing1764201611100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE budget
        ADD COLUMN indicative boolean NOT NULL DEFAULT false,
        ADD COLUMN paid_pence bigint NOT NULL DEFAULT 0 CONSTRAINT budget_paid_not_negative CHECK (paid_pence >= 0),
        ADD COLUMN released_pence bigint NOT NULL DEFAULT 0 CONSTRAINT budget_released_not_negative CHECK (released_pence >= 0);
      CREATE VIEW budget_v AS
        SELECT id, region_code, financial_year, category, indicative, allocated_pence, reserved_pence, committed_pence, paid_pence, released_pence
        FROM budget;
      COMMENT ON VIEW budget_v IS 'published by budgets; read by spend';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW budget_v; ALTER TABLE budget DROP COLUMN indicative, DROP COLUMN paid_pence, DROP COLUMN released_pence');
  }
}
