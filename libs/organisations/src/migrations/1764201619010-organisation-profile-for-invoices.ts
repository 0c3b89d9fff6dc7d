import { MigrationInterface, QueryRunner } from 'typeorm';

/** The transparency publications (invoices) name each supplier: its legal name and identifier. */
export class OrganisationProfileForInvoices1764201619010 implements MigrationInterface {
  name = 'OrganisationProfileForInvoices1764201619010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`COMMENT ON VIEW organisation_profile_v IS 'published by organisations; read by catalogue, contracts, invoices, spend'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`COMMENT ON VIEW organisation_profile_v IS 'published by organisations; read by catalogue, contracts, spend'`);
  }
}
