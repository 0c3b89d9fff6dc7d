import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What other libraries may read of an organisation: its public identity and the profile the spend
 * figures are grouped by. No contact email, no verification details (see docs/adr/0005).
 */
export class OrganisationProfileView1764201610010 implements MigrationInterface {
  name = 'OrganisationProfileView1764201610010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW organisation_profile_v AS
      SELECT id, identifier, legal_name, charity_number, company_number, organisation_type, income_band FROM organisation;
      COMMENT ON VIEW organisation_profile_v IS 'published by organisations; read by catalogue, contracts, spend';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW organisation_profile_v');
  }
}
