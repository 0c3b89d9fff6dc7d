import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contracts created by accepted orders, with their outcome terms, every version, performance
 * reports, the payment ledger and the declared supply chain.
 *
 * The payment ledger is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE, even for the
 * owner); a mistake is corrected by a reversing entry.
 */
export class Contracts1764201600600 implements MigrationInterface {
  name = 'Contracts1764201600600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL UNIQUE REFERENCES service_order(id),
        provider_id uuid NOT NULL REFERENCES organisation(id),
        offer_id uuid NOT NULL REFERENCES service_offer(id),
        offer_version int NOT NULL,
        region_code text NOT NULL REFERENCES region(code),
        pdu_code text NOT NULL REFERENCES pdu(code),
        category text NOT NULL,
        budget_id uuid NOT NULL REFERENCES budget(id),
        financial_year text NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'COMPLETED', 'TERMINATED')),
        version int NOT NULL DEFAULT 1,
        value_pence bigint NOT NULL CHECK (value_pence >= 0),
        outcome_share_percent int NOT NULL CHECK (outcome_share_percent BETWEEN 0 AND 50),
        fixed_part_pence bigint NOT NULL CHECK (fixed_part_pence >= 0),
        outcome_part_pence bigint NOT NULL CHECK (outcome_part_pence >= 0),
        reporting_period text NOT NULL CHECK (reporting_period IN ('MONTHLY', 'QUARTERLY')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date >= start_date),
        CHECK (fixed_part_pence + outcome_part_pence = value_pence)
      );
      CREATE INDEX contract_region_idx ON contract (region_code, seq DESC);
      CREATE INDEX contract_provider_idx ON contract (provider_id, seq DESC);

      CREATE TABLE contract_version (
        contract_id uuid NOT NULL REFERENCES contract(id),
        version int NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by text NOT NULL,
        reason text NOT NULL,
        terms jsonb NOT NULL,
        PRIMARY KEY (contract_id, version)
      );

      CREATE TABLE contract_outcome_measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contract(id),
        position int NOT NULL,
        measure_code text NOT NULL REFERENCES outcome_measure(code),
        name text NOT NULL,
        unit text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
        baseline numeric(20, 6) NOT NULL,
        target numeric(20, 6) NOT NULL,
        weight int NOT NULL CHECK (weight BETWEEN 0 AND 100),
        UNIQUE (contract_id, measure_code)
      );
      CREATE INDEX contract_outcome_measure_contract_idx ON contract_outcome_measure (contract_id, position);

      CREATE TABLE performance_report (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contract(id),
        period text NOT NULL,
        status text NOT NULL CHECK (status IN ('SUBMITTED', 'APPROVED', 'RETURNED')),
        actuals jsonb NOT NULL,
        narrative text NOT NULL,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        submissions int NOT NULL DEFAULT 1,
        reviewed_by text,
        reviewed_at timestamptz,
        return_reason text,
        score numeric(10, 6),
        outcome_earned_pence bigint CHECK (outcome_earned_pence >= 0),
        UNIQUE (contract_id, period)
      );

      CREATE TABLE payment (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contract(id),
        period text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('FIXED', 'OUTCOME')),
        amount_pence bigint NOT NULL CHECK (amount_pence <> 0),
        paid_on date NOT NULL,
        reference text NOT NULL,
        idempotency_key uuid NOT NULL,
        request_hash text NOT NULL,
        recorded_by text NOT NULL,
        reverses_payment_id uuid UNIQUE REFERENCES payment(id),
        reason text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payment_idempotency UNIQUE (contract_id, idempotency_key),
        CHECK ((amount_pence > 0) = (reverses_payment_id IS NULL))
      );
      CREATE INDEX payment_contract_idx ON payment (contract_id, period, kind);
      CREATE INDEX payment_paid_on_idx ON payment (paid_on);
      CREATE TRIGGER payment_append_only BEFORE UPDATE OR DELETE ON payment
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();
      CREATE TRIGGER payment_no_truncate BEFORE TRUNCATE ON payment
        FOR EACH STATEMENT EXECUTE FUNCTION forbid_change_to_append_only();

      CREATE TABLE subcontractor (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contract(id),
        parent_id uuid REFERENCES subcontractor(id),
        tier int NOT NULL CHECK (tier IN (2, 3)),
        identifier text NOT NULL,
        name text NOT NULL,
        charity_number text,
        company_number text,
        service_summary text NOT NULL,
        declared_by text NOT NULL,
        declared_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((tier = 2) = (parent_id IS NULL)),
        UNIQUE (contract_id, identifier)
      );

      CREATE TABLE funding_passed_down (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contract(id),
        subcontractor_id uuid NOT NULL REFERENCES subcontractor(id),
        financial_year text NOT NULL,
        quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
        reported_by text NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subcontractor_id, financial_year, quarter)
      );

      CREATE TABLE subcontractor_contribution (
        subcontractor_id uuid NOT NULL REFERENCES subcontractor(id),
        measure_id uuid NOT NULL REFERENCES contract_outcome_measure(id),
        financial_year text NOT NULL,
        quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        value numeric(20, 6) NOT NULL,
        reported_by text NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subcontractor_id, measure_id, financial_year, quarter)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subcontractor_contribution, funding_passed_down, subcontractor, payment,
      performance_report, contract_outcome_measure, contract_version, contract`);
  }
}
