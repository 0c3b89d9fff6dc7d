import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quarterly supply-chain publications (Recommendation 1).
 *
 * Publication is a reporting module: it reads contracts, organisations, offers and reference data
 * only through the views below, which expose what may be published and nothing else: no
 * performance-report narratives, payment references or reasons, and no staff identities, so no
 * personal data of people on probation can reach a publication by construction.
 *
 * A publication is immutable (a trigger refuses UPDATE, DELETE and TRUNCATE, as for the audit
 * trail); a correction is a new revision of the quarter that supersedes the previous one.
 */
export class Publication1764201600800 implements MigrationInterface {
  name = 'Publication1764201600800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW supply_chain_contract_v AS
      SELECT c.id AS contract_id, c.seq, c.order_id, c.region_code, r.name AS region_name, c.pdu_code, pdu.name AS pdu_name,
             c.category, c.start_date, c.end_date, c.status, c.value_pence, c.reporting_period, c.created_at AS awarded_at,
             o.identifier AS provider_identifier, o.legal_name AS provider_name, o.charity_number AS provider_charity_number,
             o.company_number AS provider_company_number,
             v.title AS service_title, v.summary AS service_summary, v.pricing_unit, v.unit_price_pence, so.quantity
      FROM contract c
      JOIN organisation o ON o.id = c.provider_id
      JOIN region r ON r.code = c.region_code
      JOIN pdu ON pdu.code = c.pdu_code
      JOIN service_offer_version v ON v.offer_id = c.offer_id AND v.version = c.offer_version
      JOIN service_order so ON so.id = c.order_id;

      CREATE VIEW supply_chain_measure_v AS
      SELECT id AS measure_id, contract_id, position, measure_code, name, unit, direction, baseline, target, weight
      FROM contract_outcome_measure;

      CREATE VIEW supply_chain_report_v AS
      SELECT contract_id, period, actuals
      FROM performance_report WHERE status = 'APPROVED';

      CREATE VIEW supply_chain_payment_v AS
      SELECT id AS payment_id, seq, contract_id, period, kind, amount_pence, paid_on
      FROM payment;

      CREATE VIEW supply_chain_subcontractor_v AS
      SELECT id AS subcontractor_id, seq, contract_id, parent_id, tier, identifier, name, charity_number, company_number, service_summary
      FROM subcontractor;

      CREATE VIEW supply_chain_funding_v AS
      SELECT subcontractor_id, financial_year, quarter, amount_pence FROM funding_passed_down;

      CREATE VIEW supply_chain_contribution_v AS
      SELECT subcontractor_id, measure_id, financial_year, quarter, value FROM subcontractor_contribution;

      CREATE TABLE supply_chain_publication (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        financial_year text NOT NULL CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
        quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        revision int NOT NULL CHECK (revision >= 1),
        supersedes_id uuid UNIQUE REFERENCES supply_chain_publication(id),
        correction_reason text,
        published_at timestamptz NOT NULL,
        published_by text NOT NULL,
        contracts int NOT NULL CHECK (contracts > 0),
        package json NOT NULL,
        csv text NOT NULL,
        sha256 text NOT NULL,
        UNIQUE (financial_year, quarter, revision),
        CHECK ((revision = 1) = (supersedes_id IS NULL)),
        CHECK ((revision = 1) = (correction_reason IS NULL))
      );
      CREATE TRIGGER supply_chain_publication_immutable BEFORE UPDATE OR DELETE ON supply_chain_publication
        FOR EACH ROW EXECUTE FUNCTION forbid_change_to_append_only();
      CREATE TRIGGER supply_chain_publication_no_truncate BEFORE TRUNCATE ON supply_chain_publication
        FOR EACH STATEMENT EXECUTE FUNCTION forbid_change_to_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE supply_chain_publication;
      DROP VIEW supply_chain_contribution_v, supply_chain_funding_v, supply_chain_subcontractor_v, supply_chain_payment_v,
        supply_chain_report_v, supply_chain_measure_v, supply_chain_contract_v;
    `);
  }
}
