import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service offers: `service_offer` holds each offer's current content (what search reads);
 * `service_offer_version` keeps every version, so orders can pin the one they bought.
 */
const CONTENT_COLUMNS = `
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  summary text NOT NULL CHECK (length(summary) BETWEEN 10 AND 4000),
  category text NOT NULL,
  region_codes text[] NOT NULL CHECK (cardinality(region_codes) > 0),
  pdu_codes text[] NOT NULL CHECK (cardinality(pdu_codes) > 0),
  delivery_modes text[] NOT NULL,
  min_age int,
  max_age int,
  sexes text[] NOT NULL,
  risk_levels text[] NOT NULL,
  specialisms text[] NOT NULL,
  capacity_per_month int NOT NULL CHECK (capacity_per_month > 0),
  pricing_unit text NOT NULL CHECK (pricing_unit IN ('PER_REFERRAL', 'PER_SESSION', 'PER_PLACE_PER_WEEK', 'FIXED_BLOCK')),
  unit_price_pence bigint NOT NULL CHECK (unit_price_pence > 0),
  declared_full_cost_pence bigint NOT NULL CHECK (declared_full_cost_pence >= 0),
  outcome_commitments jsonb NOT NULL CHECK (jsonb_array_length(outcome_commitments) > 0),
  CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)
`;

export class ServiceOffers1764201600300 implements MigrationInterface {
  name = 'ServiceOffers1764201600300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_offer (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES organisation(id),
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'WITHDRAWN')),
        version int NOT NULL DEFAULT 1 CHECK (version > 0),
        ${CONTENT_COLUMNS},
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        withdrawn_at timestamptz
      );
      CREATE INDEX service_offer_search_idx ON service_offer USING gin (search);
      CREATE INDEX service_offer_regions_idx ON service_offer USING gin (region_codes);
      CREATE INDEX service_offer_pdus_idx ON service_offer USING gin (pdu_codes);
      CREATE INDEX service_offer_specialisms_idx ON service_offer USING gin (specialisms);
      CREATE INDEX service_offer_status_seq_idx ON service_offer (status, seq DESC);
      CREATE INDEX service_offer_provider_idx ON service_offer (provider_id, seq DESC);

      CREATE TABLE service_offer_version (
        offer_id uuid NOT NULL REFERENCES service_offer(id),
        version int NOT NULL,
        provider_id uuid NOT NULL REFERENCES organisation(id),
        ${CONTENT_COLUMNS},
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        PRIMARY KEY (offer_id, version)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE service_offer_version; DROP TABLE service_offer;');
  }
}
