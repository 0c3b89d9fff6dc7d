import { MigrationInterface, QueryRunner } from 'typeorm';
import { PDUS_2026, REGIONS_2026 } from './regions-and-pdus.data';
import { CRS_OUTCOME_MEASURES } from './crs-outcome-measures.data';

/**
 * The 12 NPS regions and their 109 Probation Delivery Units, and the outcome-measure library seeded
 * from the MoJ's Commissioned Rehabilitative Services desired outcomes. Women's services in CRS draw
 * on every pathway, so every CRS measure is also listed under WOMENS_SERVICES.
 */
export class ReferenceData1764201600000 implements MigrationInterface {
  name = 'ReferenceData1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]+$'),
        name text NOT NULL UNIQUE
      );
      CREATE TABLE pdu (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9-]+$'),
        region_code text NOT NULL REFERENCES region(code),
        name text NOT NULL
      );
      CREATE INDEX pdu_region_idx ON pdu(region_code);
      CREATE TABLE outcome_measure (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
        name text NOT NULL,
        description text NOT NULL,
        unit text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
        categories text[] NOT NULL CHECK (cardinality(categories) > 0),
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX outcome_measure_categories_idx ON outcome_measure USING gin (categories);
    `);
    for (const [code, name] of REGIONS_2026) {
      await q.query('INSERT INTO region (code, name) VALUES ($1, $2)', [code, name]);
    }
    await q.query(`INSERT INTO pdu (code, region_code, name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
      PDUS_2026.map((p) => p[0]),
      PDUS_2026.map((p) => p[1]),
      PDUS_2026.map((p) => p[2]),
    ]);
    await q.query(
      `INSERT INTO outcome_measure (code, name, description, unit, direction, categories, source)
       SELECT code, outcome,
              'Share of completed referrals in which this CRS desired outcome (' || crs || ') was achieved.',
              'share of completed referrals', 'HIGHER_IS_BETTER', ARRAY[category, 'WOMENS_SERVICES'], 'MoJ CRS desired outcomes'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS m(code, category, crs, outcome)`,
      [
        CRS_OUTCOME_MEASURES.map((m) => m[0]),
        CRS_OUTCOME_MEASURES.map((m) => m[1]),
        CRS_OUTCOME_MEASURES.map((m) => m[2]),
        CRS_OUTCOME_MEASURES.map((m) => m[3]),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outcome_measure; DROP TABLE pdu; DROP TABLE region;');
  }
}
