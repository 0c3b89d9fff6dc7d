import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payment ledger as the transparency publications read it (payments over GBP 30,000 per
 * quarter, spend over GBP 25,000 per month): each payment made, with the contract's provider,
 * region and category, and the day it was reversed if it was. Reversing entries are not rows of
 * their own: a reversed payment is still a payment that was made, shown with its reversal.
 */
export class ContractPaymentsPublished1764201619000 implements MigrationInterface {
  name = 'ContractPaymentsPublished1764201619000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW contract_payment_v AS
      SELECT p.id AS payment_id, p.seq, p.contract_id, c.provider_id, c.region_code, c.category, p.period, p.kind,
             p.amount_pence, p.paid_on, r.paid_on AS reversed_on
      FROM payment p
      JOIN contract c ON c.id = p.contract_id
      LEFT JOIN payment r ON r.reverses_payment_id = p.id
      WHERE p.reverses_payment_id IS NULL;
      COMMENT ON VIEW contract_payment_v IS 'published by contracts; read by invoices';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW contract_payment_v');
  }
}
