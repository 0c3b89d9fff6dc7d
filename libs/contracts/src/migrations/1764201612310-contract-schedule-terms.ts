import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: how a contract's schedule follows the service.
 * - `advance_payment`: the order agreed an advance schedule (fixed instalments payable from the
 *   first day of their period, not in arrears from its last day).
 * - `frozen_periods`: per-period amounts an agreed no-cost extension kept (periods paid or ended
 *   by then); the rest of each part is spread pro rata over the other periods (rules/contract-terms).
 * - `contract_variation`: variations of terms proposed by a commissioner and agreed or rejected by
 *   the provider; at most one open proposal per contract.
 */
export class ContractScheduleTerms1764201612310 implements MigrationInterface {
  name = 'ContractScheduleTerms1764201612310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contract ADD COLUMN advance_payment boolean NOT NULL DEFAULT false;
      ALTER TABLE contract ADD COLUMN frozen_periods jsonb NOT NULL DEFAULT '[]'::jsonb
        CHECK (jsonb_typeof(frozen_periods) = 'array');

      CREATE TABLE contract_variation (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contract(id),
        against_version int NOT NULL,
        changes jsonb NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'AGREED', 'REJECTED', 'WITHDRAWN')),
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL,
        answered_by text,
        answered_at timestamptz,
        answer_reason text,
        CHECK ((status = 'PROPOSED') = (answered_at IS NULL)),
        -- Separation of duties: whoever proposed a variation does not agree it (withdrawing one's own is fine).
        CHECK (status <> 'AGREED' OR answered_by <> proposed_by)
      );
      CREATE UNIQUE INDEX contract_variation_one_open ON contract_variation (contract_id) WHERE status = 'PROPOSED';
      CREATE INDEX contract_variation_contract ON contract_variation (contract_id, seq);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE contract_variation;
      ALTER TABLE contract DROP COLUMN frozen_periods;
      ALTER TABLE contract DROP COLUMN advance_payment;
    `);
  }
}
