import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budgets per region and financial year, optionally per service category (a separate pot).
 * The CHECK constraint backs the rule that reserved plus committed never exceeds what is allocated,
 * so that even a bug in a service cannot overspend.
 */
export class Budgets1764201600400 implements MigrationInterface {
  name = 'Budgets1764201600400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budget (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_code text NOT NULL REFERENCES region(code),
        financial_year text NOT NULL CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
        category text,
        allocated_pence bigint NOT NULL CHECK (allocated_pence >= 0),
        reserved_pence bigint NOT NULL DEFAULT 0 CHECK (reserved_pence >= 0),
        committed_pence bigint NOT NULL DEFAULT 0 CHECK (committed_pence >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT budget_within_allocation CHECK (reserved_pence + committed_pence <= allocated_pence)
      );
      CREATE UNIQUE INDEX budget_pot_key ON budget (region_code, financial_year, (coalesce(category, '')));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE budget');
  }
}
