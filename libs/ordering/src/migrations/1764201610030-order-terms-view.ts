import { MigrationInterface, QueryRunner } from 'typeorm';

/** The priced terms of an order, which the contracts' spend summaries read (see docs/adr/0005). */
export class OrderTermsView1764201610030 implements MigrationInterface {
  name = 'OrderTermsView1764201610030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW service_order_terms_v AS SELECT id, quantity, unit_price_pence, total_pence FROM service_order;
      COMMENT ON VIEW service_order_terms_v IS 'published by ordering; read by contracts';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW service_order_terms_v');
  }
}
