import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reference data other libraries read: region and PDU names. Readers name these views, never
 * the tables, so reference may change its tables without breaking them (see docs/adr/0005).
 */
export class ReferencePublishedViews1764201610000 implements MigrationInterface {
  name = 'ReferencePublishedViews1764201610000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW region_v AS SELECT code, name FROM region;
      COMMENT ON VIEW region_v IS 'published by reference; read by contracts';
      CREATE VIEW pdu_v AS SELECT code, region_code, name FROM pdu;
      COMMENT ON VIEW pdu_v IS 'published by reference; read by contracts';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW pdu_v, region_v');
  }
}
