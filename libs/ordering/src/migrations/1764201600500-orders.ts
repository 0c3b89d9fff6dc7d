import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders placed directly with providers. Each reserves its total on a budget while it waits for an
 * answer (or for approval), and commits it once accepted. The (placed_by, idempotency_key) key
 * makes retries of `placeOrder` return the first order instead of reserving twice.
 */
export class Orders1764201600500 implements MigrationInterface {
  name = 'Orders1764201600500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_order (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL CHECK (status IN
          ('PENDING_APPROVAL', 'SUBMITTED', 'REJECTED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED')),
        offer_id uuid NOT NULL REFERENCES service_offer(id),
        offer_version int NOT NULL,
        provider_id uuid NOT NULL REFERENCES organisation(id),
        region_code text NOT NULL REFERENCES region(code),
        pdu_code text NOT NULL REFERENCES pdu(code),
        category text NOT NULL,
        budget_id uuid NOT NULL REFERENCES budget(id),
        financial_year text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        unit_price_pence bigint NOT NULL CHECK (unit_price_pence > 0),
        total_pence bigint NOT NULL CHECK (total_pence > 0),
        start_date date NOT NULL,
        end_date date NOT NULL,
        outcome_targets jsonb NOT NULL CHECK (jsonb_array_length(outcome_targets) > 0),
        outcome_share_percent int NOT NULL CHECK (outcome_share_percent BETWEEN 0 AND 50),
        reporting_period text NOT NULL CHECK (reporting_period IN ('MONTHLY', 'QUARTERLY')),
        award_rationale text NOT NULL,
        conflict_of_interest_declared boolean NOT NULL,
        note text,
        placed_by text NOT NULL,
        idempotency_key uuid NOT NULL,
        request_hash text NOT NULL,
        approved_by text,
        approved_at timestamptz,
        sent_at timestamptz,
        response_due_at timestamptz,
        answered_by text,
        answered_at timestamptz,
        reason text,
        placed_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT service_order_dates CHECK (end_date >= start_date),
        CONSTRAINT service_order_idempotency UNIQUE (placed_by, idempotency_key)
      );
      CREATE INDEX service_order_region_idx ON service_order (region_code, seq DESC);
      CREATE INDEX service_order_provider_idx ON service_order (provider_id, seq DESC);
      CREATE INDEX service_order_offer_accepted_idx ON service_order (offer_id) WHERE status = 'ACCEPTED';
      CREATE INDEX service_order_due_idx ON service_order (response_due_at) WHERE status = 'SUBMITTED';
      CREATE INDEX service_order_budget_due_idx ON service_order (budget_id, response_due_at) WHERE status = 'SUBMITTED';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE service_order');
  }
}
