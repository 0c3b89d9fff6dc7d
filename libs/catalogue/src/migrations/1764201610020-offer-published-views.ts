import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What other libraries may read of the catalogue (see docs/adr/0005): the terms of an offer
 * version a contract pins, and the current offers' price against declared full cost.
 */
export class OfferPublishedViews1764201610020 implements MigrationInterface {
  name = 'OfferPublishedViews1764201610020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW service_offer_version_v AS
      SELECT offer_id, version, title, summary, pricing_unit, unit_price_pence, declared_full_cost_pence FROM service_offer_version;
      COMMENT ON VIEW service_offer_version_v IS 'published by catalogue; read by contracts';

      CREATE VIEW service_offer_cost_v AS
      SELECT o.id AS offer_id, o.seq, o.version, o.provider_id, o.status, o.title, o.category, o.region_codes, o.pricing_unit,
             o.unit_price_pence, o.declared_full_cost_pence, o.declared_full_cost_pence - o.unit_price_pence AS gap_per_unit_pence
      FROM service_offer o;
      COMMENT ON VIEW service_offer_cost_v IS 'published by catalogue; read by spend';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW service_offer_cost_v, service_offer_version_v');
  }
}
