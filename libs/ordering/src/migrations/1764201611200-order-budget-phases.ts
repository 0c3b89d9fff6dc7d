import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: an order reserves (then commits) its value per financial year, each year's phase on
 * that year's pot. `budget_id` names a budgets pot by id only (a lib names no other lib's table,
 * docs/adr/0005); `service_order.budget_id` stays the first year's pot. Existing orders become a
 * single phase: what they reserved or committed, on the pot they did it on.
 */
export class OrderBudgetPhases1764201611200 implements MigrationInterface {
  name = 'OrderBudgetPhases1764201611200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE order_budget_phase (
        order_id uuid NOT NULL REFERENCES service_order(id),
        financial_year text NOT NULL CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
        budget_id uuid NOT NULL,
        amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
        indicative boolean NOT NULL DEFAULT false,
        PRIMARY KEY (order_id, financial_year)
      );
      CREATE INDEX order_budget_phase_budget_idx ON order_budget_phase (budget_id);
      INSERT INTO order_budget_phase (order_id, financial_year, budget_id, amount_pence)
        SELECT id, financial_year, budget_id, total_pence FROM service_order;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE order_budget_phase');
  }
}
