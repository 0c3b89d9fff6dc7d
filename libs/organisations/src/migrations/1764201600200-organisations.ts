import { MigrationInterface, QueryRunner } from 'typeorm';

export class Organisations1764201600200 implements MigrationInterface {
  name = 'Organisations1764201600200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        identifier text NOT NULL,
        scheme text NOT NULL CHECK (scheme IN ('GB-CHC', 'GB-SC', 'GB-NIC', 'GB-COH', 'GB-MPR')),
        legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 2 AND 300),
        charity_number text,
        company_number text,
        organisation_type text NOT NULL,
        income_band text NOT NULL CHECK (income_band IN ('UNDER_100K', 'FROM_100K_TO_1M', 'FROM_1M_TO_10M', 'OVER_10M')),
        region_codes text[] NOT NULL DEFAULT '{}',
        contact_email text NOT NULL,
        verified boolean NOT NULL DEFAULT false,
        verified_at timestamptz,
        verified_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisation_identifier_key UNIQUE (identifier)
      );
      CREATE INDEX organisation_legal_name_idx ON organisation (lower(legal_name));
      CREATE INDEX organisation_region_codes_idx ON organisation USING gin (region_codes);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE organisation');
  }
}
