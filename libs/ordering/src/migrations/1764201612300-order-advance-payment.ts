import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: an order may agree an advance payment schedule (small providers only; rules/advance-payment). */
export class OrderAdvancePayment1764201612300 implements MigrationInterface {
  name = 'OrderAdvancePayment1764201612300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_order ADD COLUMN advance_payment boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_order DROP COLUMN advance_payment`);
  }
}
