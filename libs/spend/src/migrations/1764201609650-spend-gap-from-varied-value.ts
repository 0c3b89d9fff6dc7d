import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sustainability gap follows the contract's value as varied, not the order as placed.
 *
 * Before: a contract's full cost (units x declared full cost per unit) and gap (units x (full cost
 * - unit price)) were written once, when the contract was created; a variation moved the
 * commitment but not the gap, so afterwards committed + gap no longer equalled the full cost and
 * the share of full cost covered was wrong.
 *
 * Now the value is read as units at the order's (pinned) unit price, which is how variations are
 * agreed ("two more referrals"): full cost = value x declared full cost / unit price, rounded once
 * to the nearest penny (halves away from zero); gap = full cost - value when positive; a contract
 * is below cost while it has a gap. At creation these are the figures as before (the value is
 * units x unit price, exactly); a variation moves commitment, full cost, gap and below-cost count
 * together, in the start quarter. So for every contract below cost, committed + gap = full cost to
 * the penny, and the share covered is committed / full cost. Summaries written before this
 * migration are rebuilt if any contract has been varied in value.
 */
export class SpendGapFromVariedValue1764201609650 implements MigrationInterface {
  name = 'SpendGapFromVariedValue1764201609650';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The full cost of a contract value at the order's unit price (0 when there is no price).
      CREATE FUNCTION spend_full_cost(value_pence bigint, unit_price_pence bigint, declared_full_cost_pence bigint)
        RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN coalesce(unit_price_pence, 0) > 0 AND declared_full_cost_pence IS NOT NULL
                    THEN round(value_pence::numeric * declared_full_cost_pence / unit_price_pence)::bigint ELSE 0 END
      $$;

      -- The order's unit price and the pinned version's declared full cost per unit.
      CREATE VIEW spend_contract_cost_basis_v AS
      SELECT c.id AS contract_id, o.unit_price_pence, v.declared_full_cost_pence
      FROM contract c
      LEFT JOIN service_order o ON o.id = c.order_id
      LEFT JOIN service_offer_version v ON v.offer_id = c.offer_id AND v.version = c.offer_version;

      CREATE OR REPLACE VIEW spend_commitment_v AS
      SELECT c.id AS contract_id,
             spend_financial_year(c.start_date) AS financial_year,
             spend_financial_quarter(c.start_date) AS quarter,
             c.region_code, c.pdu_code, c.category, c.provider_id, p.income_band, p.organisation_type,
             1 AS contracts_started,
             c.value_pence AS committed_pence,
             0::bigint AS settled_pence,
             0::bigint AS fixed_paid_pence,
             0::bigint AS outcome_paid_pence,
             f.full_cost_pence,
             greatest(f.full_cost_pence - c.value_pence, 0)::bigint AS shortfall_pence,
             (f.full_cost_pence > c.value_pence)::int AS contracts_below_cost
      FROM contract c
      JOIN spend_award_profile p ON p.contract_id = c.id
      JOIN spend_contract_cost_basis_v b ON b.contract_id = c.id
      CROSS JOIN LATERAL (SELECT spend_full_cost(c.value_pence, b.unit_price_pence, b.declared_full_cost_pence) AS full_cost_pence) f;

      -- A variation moves the commitment by the change in value, and full cost, gap and the
      -- below-cost count with it, in the start quarter.
      CREATE OR REPLACE FUNCTION spend_on_contract_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM spend_add(ARRAY(
          SELECT ROW(n.id, spend_financial_year(n.start_date), spend_financial_quarter(n.start_date), n.region_code, n.pdu_code,
                     n.category, n.provider_id, p.income_band, p.organisation_type, 0, n.value_pence - o.value_pence, 0, 0, 0,
                     f.new_cost - f.old_cost,
                     greatest(f.new_cost - n.value_pence, 0) - greatest(f.old_cost - o.value_pence, 0),
                     (f.new_cost > n.value_pence)::int - (f.old_cost > o.value_pence)::int)::spend_delta
          FROM spend_new_contract n
          JOIN spend_old_contract o ON o.id = n.id
          JOIN spend_award_profile p ON p.contract_id = n.id
          JOIN spend_contract_cost_basis_v b ON b.contract_id = n.id
          CROSS JOIN LATERAL (SELECT spend_full_cost(n.value_pence, b.unit_price_pence, b.declared_full_cost_pence) AS new_cost,
                                     spend_full_cost(o.value_pence, b.unit_price_pence, b.declared_full_cost_pence) AS old_cost) f
          WHERE n.value_pence <> o.value_pence));
        RETURN NULL;
      END $$;

      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM contract c JOIN service_order o ON o.id = c.order_id WHERE c.value_pence <> o.total_pence) THEN
          PERFORM rebuild_spend_summary();
        END IF;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION spend_on_contract_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM spend_add(ARRAY(
          SELECT ROW(n.id, spend_financial_year(n.start_date), spend_financial_quarter(n.start_date), n.region_code, n.pdu_code,
                     n.category, n.provider_id, p.income_band, p.organisation_type, 0, n.value_pence - o.value_pence, 0, 0, 0, 0, 0, 0)::spend_delta
          FROM spend_new_contract n
          JOIN spend_old_contract o ON o.id = n.id
          JOIN spend_award_profile p ON p.contract_id = n.id
          WHERE n.value_pence <> o.value_pence));
        RETURN NULL;
      END $$;
      CREATE OR REPLACE VIEW spend_commitment_v AS
      SELECT c.id AS contract_id,
             spend_financial_year(c.start_date) AS financial_year,
             spend_financial_quarter(c.start_date) AS quarter,
             c.region_code, c.pdu_code, c.category, c.provider_id, p.income_band, p.organisation_type,
             1 AS contracts_started,
             c.value_pence AS committed_pence,
             0::bigint AS settled_pence,
             0::bigint AS fixed_paid_pence,
             0::bigint AS outcome_paid_pence,
             coalesce(o.quantity * v.declared_full_cost_pence, 0)::bigint AS full_cost_pence,
             coalesce(o.quantity * greatest(v.declared_full_cost_pence - o.unit_price_pence, 0), 0)::bigint AS shortfall_pence,
             (coalesce(v.declared_full_cost_pence > o.unit_price_pence, false))::int AS contracts_below_cost
      FROM contract c
      JOIN spend_award_profile p ON p.contract_id = c.id
      LEFT JOIN service_order o ON o.id = c.order_id
      LEFT JOIN service_offer_version v ON v.offer_id = c.offer_id AND v.version = c.offer_version;
      DROP VIEW spend_contract_cost_basis_v;
      DROP FUNCTION spend_full_cost(bigint, bigint, bigint);
    `);
  }
}
