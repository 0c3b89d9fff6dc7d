import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: suspension stops instalments for the suspended days. `suspensions` keeps each ended
 * suspension of the contract (`[{ "from": "2026-11-01", "to": "2026-12-01" }]`, from its first day
 * to the day it ended); the schedule takes the suspended share out of each period it touches
 * (rules/suspension), and that money was released from the commitment when the suspension ended.
 */
export class ContractSuspensions1764201640000 implements MigrationInterface {
  name = 'ContractSuspensions1764201640000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contract ADD COLUMN suspensions jsonb NOT NULL DEFAULT '[]'::jsonb
        CHECK (jsonb_typeof(suspensions) = 'array');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract DROP COLUMN suspensions`);
  }
}
