import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The spend read model. Spend is a reporting module: it reads other modules' tables only through
 * the views and triggers created here (never through their services' private SQL).
 *
 * What counts where:
 * - a contract's value counts as *committed* in the financial quarter of its start date;
 * - a payment (a ledger line, reversals negative) counts as *paid* in the quarter of `paid_on`,
 *   and also as *settled* against its contract's commitment (start quarter), so that
 *   `outstanding = committed - settled` is the part of the commitments in a group not yet paid.
 * - the income band and organisation type are the provider's at the time of the award
 *   (`spend_award_profile`, written once when the contract is created), so a charity that grows
 *   later does not rewrite where past money went.
 *
 * Two summary tables hold the same measures:
 * - `spend_contract_quarter`: one row per contract per financial quarter, every dimension
 *   denormalised. Writers of different contracts never touch the same row.
 * - `spend_provider_quarter`: the roll-up per provider, region, income band, organisation type and
 *   quarter (no PDU or category): about 15 times smaller, it answers the directorate's usual
 *   national queries. Concurrent payments to one provider in one region and quarter queue briefly
 *   on its row; upserts lock rows in key order, so they cannot deadlock.
 *
 * Both are kept up to date by statement-level triggers on `contract` and `payment`, inside the
 * transactions that write them; `rebuild_spend_summary()` recomputes both from scratch (bulk loads
 * call it after loading). The money columns of both are sums of the same deltas, so any grouping
 * of either adds up to the same totals.
 */
export class Spend1764201600700 implements MigrationInterface {
  name = 'Spend1764201600700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION spend_financial_year(d date) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT y::text || '-' || lpad(((y + 1) % 100)::text, 2, '0')
        FROM (SELECT extract(year FROM d - interval '3 months')::int AS y) t
      $$;
      CREATE FUNCTION spend_financial_quarter(d date) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT extract(quarter FROM d - interval '3 months')::smallint
      $$;

      -- The provider's profile when the contract was awarded; written once, never changed.
      CREATE TABLE spend_award_profile (
        contract_id uuid PRIMARY KEY REFERENCES contract(id),
        income_band text NOT NULL,
        organisation_type text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE spend_contract_quarter (
        contract_id uuid NOT NULL,
        financial_year text NOT NULL,
        quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        region_code text NOT NULL,
        pdu_code text NOT NULL,
        category text NOT NULL,
        provider_id uuid NOT NULL,
        income_band text NOT NULL,
        organisation_type text NOT NULL,
        contracts_started int NOT NULL,
        committed_pence bigint NOT NULL,
        settled_pence bigint NOT NULL,
        fixed_paid_pence bigint NOT NULL,
        outcome_paid_pence bigint NOT NULL,
        full_cost_pence bigint NOT NULL,
        shortfall_pence bigint NOT NULL,
        contracts_below_cost int NOT NULL,
        PRIMARY KEY (contract_id, financial_year, quarter)
      );
      CREATE INDEX spend_contract_quarter_region_idx ON spend_contract_quarter (region_code, financial_year);

      CREATE TABLE spend_provider_quarter (
        provider_id uuid NOT NULL,
        region_code text NOT NULL,
        income_band text NOT NULL,
        organisation_type text NOT NULL,
        financial_year text NOT NULL,
        quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        contracts_started int NOT NULL,
        committed_pence bigint NOT NULL,
        settled_pence bigint NOT NULL,
        fixed_paid_pence bigint NOT NULL,
        outcome_paid_pence bigint NOT NULL,
        full_cost_pence bigint NOT NULL,
        shortfall_pence bigint NOT NULL,
        contracts_below_cost int NOT NULL,
        PRIMARY KEY (provider_id, region_code, income_band, organisation_type, financial_year, quarter)
      );
      -- How many groups a GROUP BY over any of these columns makes, so the planner sizes hash
      -- aggregates right instead of spilling them to disk.
      CREATE STATISTICS spend_provider_quarter_groups (ndistinct)
        ON provider_id, region_code, income_band, organisation_type, financial_year, quarter FROM spend_provider_quarter;
      CREATE STATISTICS spend_contract_quarter_groups (ndistinct)
        ON region_code, pdu_code, category, provider_id, income_band, organisation_type, financial_year, quarter FROM spend_contract_quarter;

      CREATE TYPE spend_delta AS (
        contract_id uuid,
        financial_year text,
        quarter smallint,
        region_code text,
        pdu_code text,
        category text,
        provider_id uuid,
        income_band text,
        organisation_type text,
        contracts_started int,
        committed_pence bigint,
        settled_pence bigint,
        fixed_paid_pence bigint,
        outcome_paid_pence bigint,
        full_cost_pence bigint,
        shortfall_pence bigint,
        contracts_below_cost int
      );

      -- What a contract contributes when it is created: its commitment in the start quarter, and
      -- (sustainability) the full cost the provider declared for the units bought and the part of
      -- it the price does not cover. Reads ordering's and the catalogue's tables (read model).
      CREATE VIEW spend_commitment_v AS
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

      -- What a payment contributes: paid in the quarter of paid_on, settled against the commitment.
      CREATE VIEW spend_payment_delta_v AS
      SELECT pay.id AS payment_id, c.id AS contract_id, d.financial_year, d.quarter,
             c.region_code, c.pdu_code, c.category, c.provider_id, p.income_band, p.organisation_type,
             0 AS contracts_started,
             0::bigint AS committed_pence,
             d.settled_pence, d.fixed_paid_pence, d.outcome_paid_pence,
             0::bigint AS full_cost_pence,
             0::bigint AS shortfall_pence,
             0 AS contracts_below_cost
      FROM payment pay
      JOIN contract c ON c.id = pay.contract_id
      JOIN spend_award_profile p ON p.contract_id = c.id
      CROSS JOIN LATERAL (VALUES
        (spend_financial_year(pay.paid_on), spend_financial_quarter(pay.paid_on), 0::bigint,
         CASE WHEN pay.kind = 'FIXED' THEN pay.amount_pence ELSE 0 END::bigint,
         CASE WHEN pay.kind = 'OUTCOME' THEN pay.amount_pence ELSE 0 END::bigint),
        (spend_financial_year(c.start_date), spend_financial_quarter(c.start_date), pay.amount_pence, 0::bigint, 0::bigint)
      ) AS d(financial_year, quarter, settled_pence, fixed_paid_pence, outcome_paid_pence);

      -- Adds deltas to both summaries. Rows are pre-aggregated per key (an upsert may touch a row
      -- once) and written in key order, so concurrent writers lock rows in the same order.
      CREATE FUNCTION spend_add(deltas spend_delta[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO spend_contract_quarter AS s
        SELECT contract_id, financial_year, quarter, region_code, pdu_code, category, provider_id, income_band, organisation_type,
               sum(contracts_started)::int, sum(committed_pence)::bigint, sum(settled_pence)::bigint, sum(fixed_paid_pence)::bigint,
               sum(outcome_paid_pence)::bigint, sum(full_cost_pence)::bigint, sum(shortfall_pence)::bigint, sum(contracts_below_cost)::int
        FROM unnest(deltas)
        GROUP BY contract_id, financial_year, quarter, region_code, pdu_code, category, provider_id, income_band, organisation_type
        ORDER BY contract_id, financial_year, quarter
        ON CONFLICT (contract_id, financial_year, quarter) DO UPDATE SET
          contracts_started = s.contracts_started + EXCLUDED.contracts_started,
          committed_pence = s.committed_pence + EXCLUDED.committed_pence,
          settled_pence = s.settled_pence + EXCLUDED.settled_pence,
          fixed_paid_pence = s.fixed_paid_pence + EXCLUDED.fixed_paid_pence,
          outcome_paid_pence = s.outcome_paid_pence + EXCLUDED.outcome_paid_pence,
          full_cost_pence = s.full_cost_pence + EXCLUDED.full_cost_pence,
          shortfall_pence = s.shortfall_pence + EXCLUDED.shortfall_pence,
          contracts_below_cost = s.contracts_below_cost + EXCLUDED.contracts_below_cost;

        INSERT INTO spend_provider_quarter AS s
        SELECT provider_id, region_code, income_band, organisation_type, financial_year, quarter,
               sum(contracts_started)::int, sum(committed_pence)::bigint, sum(settled_pence)::bigint, sum(fixed_paid_pence)::bigint,
               sum(outcome_paid_pence)::bigint, sum(full_cost_pence)::bigint, sum(shortfall_pence)::bigint, sum(contracts_below_cost)::int
        FROM unnest(deltas)
        GROUP BY provider_id, region_code, income_band, organisation_type, financial_year, quarter
        ORDER BY provider_id, region_code, income_band, organisation_type, financial_year, quarter
        ON CONFLICT (provider_id, region_code, income_band, organisation_type, financial_year, quarter) DO UPDATE SET
          contracts_started = s.contracts_started + EXCLUDED.contracts_started,
          committed_pence = s.committed_pence + EXCLUDED.committed_pence,
          settled_pence = s.settled_pence + EXCLUDED.settled_pence,
          fixed_paid_pence = s.fixed_paid_pence + EXCLUDED.fixed_paid_pence,
          outcome_paid_pence = s.outcome_paid_pence + EXCLUDED.outcome_paid_pence,
          full_cost_pence = s.full_cost_pence + EXCLUDED.full_cost_pence,
          shortfall_pence = s.shortfall_pence + EXCLUDED.shortfall_pence,
          contracts_below_cost = s.contracts_below_cost + EXCLUDED.contracts_below_cost;
      $$;

      CREATE FUNCTION spend_on_contract_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO spend_award_profile (contract_id, income_band, organisation_type)
        SELECT a.id, o.income_band, o.organisation_type FROM spend_added_contract a JOIN organisation o ON o.id = a.provider_id
        ON CONFLICT (contract_id) DO NOTHING;
        PERFORM spend_add(ARRAY(
          SELECT ROW(v.*)::spend_delta FROM spend_commitment_v v WHERE v.contract_id IN (SELECT id FROM spend_added_contract)));
        RETURN NULL;
      END $$;
      CREATE TRIGGER spend_contract_inserted AFTER INSERT ON contract
        REFERENCING NEW TABLE AS spend_added_contract
        FOR EACH STATEMENT EXECUTE FUNCTION spend_on_contract_insert();

      -- A variation moves the commitment by the change in value, in the start quarter.
      CREATE FUNCTION spend_on_contract_update() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE TRIGGER spend_contract_updated AFTER UPDATE ON contract
        REFERENCING OLD TABLE AS spend_old_contract NEW TABLE AS spend_new_contract
        FOR EACH STATEMENT EXECUTE FUNCTION spend_on_contract_update();

      -- The summary keys a contract's lines by these columns; the contracts module never changes
      -- them after creation, and this keeps it that way rather than let spend drift silently.
      CREATE FUNCTION spend_forbid_dimension_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'contract %: start date, region, PDU, category, provider, order and offer never change (spend summary depends on them)', OLD.id
          USING ERRCODE = 'integrity_constraint_violation';
      END $$;
      CREATE TRIGGER spend_contract_dimensions_fixed BEFORE UPDATE ON contract
        FOR EACH ROW WHEN (
          OLD.start_date IS DISTINCT FROM NEW.start_date OR OLD.region_code IS DISTINCT FROM NEW.region_code
          OR OLD.pdu_code IS DISTINCT FROM NEW.pdu_code OR OLD.category IS DISTINCT FROM NEW.category
          OR OLD.provider_id IS DISTINCT FROM NEW.provider_id OR OLD.order_id IS DISTINCT FROM NEW.order_id
          OR OLD.offer_id IS DISTINCT FROM NEW.offer_id OR OLD.offer_version IS DISTINCT FROM NEW.offer_version)
        EXECUTE FUNCTION spend_forbid_dimension_change();

      CREATE FUNCTION spend_on_payment_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM spend_add(ARRAY(
          SELECT ROW(v.contract_id, v.financial_year, v.quarter, v.region_code, v.pdu_code, v.category, v.provider_id, v.income_band,
                     v.organisation_type, v.contracts_started, v.committed_pence, v.settled_pence, v.fixed_paid_pence, v.outcome_paid_pence,
                     v.full_cost_pence, v.shortfall_pence, v.contracts_below_cost)::spend_delta
          FROM spend_payment_delta_v v WHERE v.payment_id IN (SELECT id FROM spend_added_payment)));
        RETURN NULL;
      END $$;
      CREATE TRIGGER spend_payment_inserted AFTER INSERT ON payment
        REFERENCING NEW TABLE AS spend_added_payment
        FOR EACH STATEMENT EXECUTE FUNCTION spend_on_payment_insert();

      -- Recomputes both summaries from contracts and the ledger. Writers of contracts and payments
      -- wait while it runs (SHARE locks), so nothing written meanwhile is lost or counted twice.
      CREATE FUNCTION rebuild_spend_summary() RETURNS void LANGUAGE plpgsql
        SET work_mem = '256MB' -- millions of ledger lines group in memory instead of on disk
      AS $$
      BEGIN
        LOCK TABLE contract, payment IN SHARE MODE;
        INSERT INTO spend_award_profile (contract_id, income_band, organisation_type)
        SELECT c.id, o.income_band, o.organisation_type FROM contract c JOIN organisation o ON o.id = c.provider_id
        ON CONFLICT (contract_id) DO NOTHING;
        TRUNCATE spend_contract_quarter, spend_provider_quarter;
        INSERT INTO spend_contract_quarter
        SELECT contract_id, financial_year, quarter, region_code, pdu_code, category, provider_id, income_band, organisation_type,
               sum(contracts_started)::int, sum(committed_pence)::bigint, sum(settled_pence)::bigint, sum(fixed_paid_pence)::bigint,
               sum(outcome_paid_pence)::bigint, sum(full_cost_pence)::bigint, sum(shortfall_pence)::bigint, sum(contracts_below_cost)::int
        FROM (
          SELECT * FROM spend_commitment_v
          UNION ALL
          SELECT contract_id, financial_year, quarter, region_code, pdu_code, category, provider_id, income_band, organisation_type,
                 contracts_started, committed_pence, settled_pence, fixed_paid_pence, outcome_paid_pence, full_cost_pence,
                 shortfall_pence, contracts_below_cost
          FROM spend_payment_delta_v
        ) d
        GROUP BY contract_id, financial_year, quarter, region_code, pdu_code, category, provider_id, income_band, organisation_type;
        INSERT INTO spend_provider_quarter
        SELECT provider_id, region_code, income_band, organisation_type, financial_year, quarter,
               sum(contracts_started)::int, sum(committed_pence)::bigint, sum(settled_pence)::bigint, sum(fixed_paid_pence)::bigint,
               sum(outcome_paid_pence)::bigint, sum(full_cost_pence)::bigint, sum(shortfall_pence)::bigint, sum(contracts_below_cost)::int
        FROM spend_contract_quarter
        GROUP BY provider_id, region_code, income_band, organisation_type, financial_year, quarter;
        ANALYZE spend_contract_quarter;
        ANALYZE spend_provider_quarter;
      END $$;

      -- Read models for the other spend views (labels, offers priced below cost, outcomes).
      CREATE VIEW spend_provider_v AS
      SELECT id AS provider_id, identifier, legal_name FROM organisation;

      CREATE VIEW spend_offer_cost_v AS
      SELECT o.id AS offer_id, o.seq, o.version, o.provider_id, o.status, o.title, o.category, o.region_codes, o.pricing_unit,
             o.unit_price_pence, o.declared_full_cost_pence, o.declared_full_cost_pence - o.unit_price_pence AS gap_per_unit_pence
      FROM service_offer o;

      -- One row per approved performance report and outcome measure, with what was paid for that
      -- contract's period (fixed and outcome, reversals netted). Narratives are not read.
      CREATE VIEW spend_outcome_v AS
      SELECT r.contract_id, r.period,
             CASE WHEN r.period LIKE '%-Q_' THEN left(r.period, 7) ELSE spend_financial_year((r.period || '-01')::date) END AS financial_year,
             CASE WHEN r.period LIKE '%-Q_' THEN right(r.period, 1)::smallint ELSE spend_financial_quarter((r.period || '-01')::date) END AS quarter,
             c.region_code, c.pdu_code, c.category, c.provider_id, p.income_band, p.organisation_type,
             m.measure_code, m.name AS measure_name, m.unit, m.weight,
             (a.item ->> 'achievement')::numeric AS achievement,
             coalesce(paid.amount_pence, 0)::bigint AS period_paid_pence
      FROM performance_report r
      JOIN contract c ON c.id = r.contract_id
      JOIN spend_award_profile p ON p.contract_id = c.id
      CROSS JOIN LATERAL jsonb_array_elements(r.actuals) AS a(item)
      JOIN contract_outcome_measure m ON m.id = (a.item ->> 'measureId')::uuid
      LEFT JOIN LATERAL (
        SELECT sum(pay.amount_pence) AS amount_pence FROM payment pay WHERE pay.contract_id = r.contract_id AND pay.period = r.period
      ) paid ON true
      WHERE r.status = 'APPROVED';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP VIEW spend_outcome_v, spend_offer_cost_v, spend_provider_v;
      DROP TRIGGER spend_payment_inserted ON payment;
      DROP TRIGGER spend_contract_dimensions_fixed ON contract;
      DROP TRIGGER spend_contract_updated ON contract;
      DROP TRIGGER spend_contract_inserted ON contract;
      DROP FUNCTION rebuild_spend_summary(), spend_on_payment_insert(), spend_forbid_dimension_change(), spend_on_contract_update(),
        spend_on_contract_insert(), spend_add(spend_delta[]);
      DROP VIEW spend_payment_delta_v, spend_commitment_v;
      DROP TYPE spend_delta;
      DROP TABLE spend_provider_quarter, spend_contract_quarter, spend_award_profile;
      DROP FUNCTION spend_financial_quarter(date), spend_financial_year(date);
    `);
  }
}
