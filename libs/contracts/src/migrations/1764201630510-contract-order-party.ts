import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: who placed the order a contract came from and whether they declared a conflict of
 * interest. A placer who declared one may not approve the contract's performance reports or record
 * its payments. Contracts created before this have no row (no bar applies to them).
 */
export class ContractOrderParty1764201630510 implements MigrationInterface {
  name = 'ContractOrderParty1764201630510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract_order_party (
        contract_id uuid PRIMARY KEY REFERENCES contract(id),
        placed_by text NOT NULL,
        conflict_of_interest_declared boolean NOT NULL DEFAULT false
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contract_order_party');
  }
}
