import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contracts takes over the spend summaries (issue 12, docs/adr/0005): the module that owns a table
 * owns every trigger on it, so the triggers on `contract` and `payment`, the rule that a
 * contract's dimensions never change, and the summary tables they keep become contracts' own,
 * published to spend as a read model. The SQL is spend's as it stood after
 * SpendGapFromVariedValue1764201609650, renamed; the tables are renamed in place (same rows,
 * indexes and statistics), so nothing is recomputed and the figures are identical.
 *
 * It also takes over the supply-chain views publication reads (they read contracts' tables), now
 * reading other libraries through the views those publish.
 */
export class ContractSpendReadModel1764201610040 implements MigrationInterface {
  name = 'ContractSpendReadModel1764201610040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(RETIRE_SPEND_OBJECTS);
    await q.query(TAKE_OVER_TABLES);
    await q.query(SUMMARY_FUNCTIONS);
    await q.query(SUMMARY_TRIGGERS);
    await q.query(PUBLISHED_VIEWS);
  }

  down(): Promise<void> {
    // Going back would hand the triggers to spend again; restore a backup taken before the upgrade instead.
    return Promise.reject(new Error('ContractSpendReadModel1764201610040 is not reversible'));
  }
}

// Spend's triggers, their functions and the views only they read (recreated below under contracts' names).
const RETIRE_SPEND_OBJECTS = `
  DROP TRIGGER spend_payment_inserted ON payment;
  DROP TRIGGER spend_contract_dimensions_fixed ON contract;
  DROP TRIGGER spend_contract_updated ON contract;
  DROP TRIGGER spend_contract_inserted ON contract;
  DROP FUNCTION rebuild_spend_summary(), spend_on_payment_insert(), spend_forbid_dimension_change(), spend_on_contract_update(),
    spend_on_contract_insert(), spend_add(spend_delta[]);
  DROP VIEW spend_payment_delta_v, spend_commitment_v, spend_contract_cost_basis_v;
  DROP FUNCTION spend_full_cost(bigint, bigint, bigint);
`;

const TAKE_OVER_TABLES = `
  ALTER TABLE spend_award_profile RENAME TO contract_award_profile;
  ALTER TABLE contract_award_profile RENAME CONSTRAINT spend_award_profile_pkey TO contract_award_profile_pkey;
  ALTER TABLE contract_award_profile RENAME CONSTRAINT spend_award_profile_contract_id_fkey TO contract_award_profile_contract_id_fkey;

  ALTER TABLE spend_contract_quarter RENAME TO contract_quarter_summary;
  ALTER TABLE contract_quarter_summary RENAME CONSTRAINT spend_contract_quarter_pkey TO contract_quarter_summary_pkey;
  ALTER TABLE contract_quarter_summary RENAME CONSTRAINT spend_contract_quarter_quarter_check TO contract_quarter_summary_quarter_check;
  ALTER INDEX spend_contract_quarter_region_idx RENAME TO contract_quarter_summary_region_idx;
  ALTER INDEX spend_contract_quarter_year_idx RENAME TO contract_quarter_summary_year_idx;
  ALTER STATISTICS spend_contract_quarter_groups RENAME TO contract_quarter_summary_groups;

  ALTER TABLE spend_provider_quarter RENAME TO contract_provider_quarter_summary;
  ALTER TABLE contract_provider_quarter_summary RENAME CONSTRAINT spend_provider_quarter_pkey TO contract_provider_quarter_summary_pkey;
  ALTER TABLE contract_provider_quarter_summary
    RENAME CONSTRAINT spend_provider_quarter_quarter_check TO contract_provider_quarter_summary_quarter_check;
  ALTER INDEX spend_provider_quarter_year_idx RENAME TO contract_provider_quarter_summary_year_idx;
  ALTER STATISTICS spend_provider_quarter_groups RENAME TO contract_provider_quarter_summary_groups;

  ALTER TYPE spend_delta RENAME TO contract_summary_delta;
`;

// Spend's measures, as in Spend1764201600700 and SpendGapFromVariedValue1764201609650 (see there for why).
const SUMMARY_FUNCTIONS = `
  CREATE FUNCTION contract_financial_year(d date) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT y::text || '-' || lpad(((y + 1) % 100)::text, 2, '0')
    FROM (SELECT extract(year FROM d - interval '3 months')::int AS y) t
  $$;
  CREATE FUNCTION contract_financial_quarter(d date) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT extract(quarter FROM d - interval '3 months')::smallint
  $$;
  CREATE FUNCTION contract_full_cost(value_pence bigint, unit_price_pence bigint, declared_full_cost_pence bigint)
    RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN coalesce(unit_price_pence, 0) > 0 AND declared_full_cost_pence IS NOT NULL
                THEN round(value_pence::numeric * declared_full_cost_pence / unit_price_pence)::bigint ELSE 0 END
  $$;

  CREATE VIEW contract_cost_basis_v AS
  SELECT c.id AS contract_id, o.unit_price_pence, v.declared_full_cost_pence
  FROM contract c
  LEFT JOIN service_order_terms_v o ON o.id = c.order_id
  LEFT JOIN service_offer_version_v v ON v.offer_id = c.offer_id AND v.version = c.offer_version;

  CREATE VIEW contract_commitment_v AS
  SELECT c.id AS contract_id,
         contract_financial_year(c.start_date) AS financial_year,
         contract_financial_quarter(c.start_date) AS quarter,
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
  JOIN contract_award_profile p ON p.contract_id = c.id
  JOIN contract_cost_basis_v b ON b.contract_id = c.id
  CROSS JOIN LATERAL (SELECT contract_full_cost(c.value_pence, b.unit_price_pence, b.declared_full_cost_pence) AS full_cost_pence) f;

  CREATE VIEW contract_payment_delta_v AS
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
  JOIN contract_award_profile p ON p.contract_id = c.id
  CROSS JOIN LATERAL (VALUES
    (contract_financial_year(pay.paid_on), contract_financial_quarter(pay.paid_on), 0::bigint,
     CASE WHEN pay.kind = 'FIXED' THEN pay.amount_pence ELSE 0 END::bigint,
     CASE WHEN pay.kind = 'OUTCOME' THEN pay.amount_pence ELSE 0 END::bigint),
    (contract_financial_year(c.start_date), contract_financial_quarter(c.start_date), pay.amount_pence, 0::bigint, 0::bigint)
  ) AS d(financial_year, quarter, settled_pence, fixed_paid_pence, outcome_paid_pence);

  -- Pre-aggregated per key and written in key order, so concurrent writers lock rows in the same order.
  CREATE FUNCTION contract_summary_add(deltas contract_summary_delta[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO contract_quarter_summary AS s
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

    INSERT INTO contract_provider_quarter_summary AS s
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

  -- Recomputes both summaries; writers of contracts and payments wait meanwhile (SHARE locks).
  CREATE FUNCTION rebuild_contract_summary() RETURNS void LANGUAGE plpgsql
    SET work_mem = '256MB' -- millions of ledger lines group in memory instead of on disk
  AS $$
  BEGIN
    LOCK TABLE contract, payment IN SHARE MODE;
    INSERT INTO contract_award_profile (contract_id, income_band, organisation_type)
    SELECT c.id, o.income_band, o.organisation_type FROM contract c JOIN organisation_profile_v o ON o.id = c.provider_id
    ON CONFLICT (contract_id) DO NOTHING;
    TRUNCATE contract_quarter_summary, contract_provider_quarter_summary;
    INSERT INTO contract_quarter_summary
    SELECT contract_id, financial_year, quarter, region_code, pdu_code, category, provider_id, income_band, organisation_type,
           sum(contracts_started)::int, sum(committed_pence)::bigint, sum(settled_pence)::bigint, sum(fixed_paid_pence)::bigint,
           sum(outcome_paid_pence)::bigint, sum(full_cost_pence)::bigint, sum(shortfall_pence)::bigint, sum(contracts_below_cost)::int
    FROM (
      SELECT * FROM contract_commitment_v
      UNION ALL
      SELECT contract_id, financial_year, quarter, region_code, pdu_code, category, provider_id, income_band, organisation_type,
             contracts_started, committed_pence, settled_pence, fixed_paid_pence, outcome_paid_pence, full_cost_pence,
             shortfall_pence, contracts_below_cost
      FROM contract_payment_delta_v
    ) d
    GROUP BY contract_id, financial_year, quarter, region_code, pdu_code, category, provider_id, income_band, organisation_type;
    INSERT INTO contract_provider_quarter_summary
    SELECT provider_id, region_code, income_band, organisation_type, financial_year, quarter,
           sum(contracts_started)::int, sum(committed_pence)::bigint, sum(settled_pence)::bigint, sum(fixed_paid_pence)::bigint,
           sum(outcome_paid_pence)::bigint, sum(full_cost_pence)::bigint, sum(shortfall_pence)::bigint, sum(contracts_below_cost)::int
    FROM contract_quarter_summary
    GROUP BY provider_id, region_code, income_band, organisation_type, financial_year, quarter;
    ANALYZE contract_quarter_summary;
    ANALYZE contract_provider_quarter_summary;
  END $$;
`;

const SUMMARY_TRIGGERS = `
  CREATE FUNCTION contract_summary_on_contract_insert() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO contract_award_profile (contract_id, income_band, organisation_type)
    SELECT a.id, o.income_band, o.organisation_type FROM contract_added a JOIN organisation_profile_v o ON o.id = a.provider_id
    ON CONFLICT (contract_id) DO NOTHING;
    PERFORM contract_summary_add(ARRAY(
      SELECT ROW(v.*)::contract_summary_delta FROM contract_commitment_v v WHERE v.contract_id IN (SELECT id FROM contract_added)));
    RETURN NULL;
  END $$;
  CREATE TRIGGER contract_summary_inserted AFTER INSERT ON contract
    REFERENCING NEW TABLE AS contract_added
    FOR EACH STATEMENT EXECUTE FUNCTION contract_summary_on_contract_insert();

  -- A variation moves commitment, full cost, gap and the below-cost count together, in the start quarter.
  CREATE FUNCTION contract_summary_on_contract_update() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM contract_summary_add(ARRAY(
      SELECT ROW(n.id, contract_financial_year(n.start_date), contract_financial_quarter(n.start_date), n.region_code, n.pdu_code,
                 n.category, n.provider_id, p.income_band, p.organisation_type, 0, n.value_pence - o.value_pence, 0, 0, 0,
                 f.new_cost - f.old_cost,
                 greatest(f.new_cost - n.value_pence, 0) - greatest(f.old_cost - o.value_pence, 0),
                 (f.new_cost > n.value_pence)::int - (f.old_cost > o.value_pence)::int)::contract_summary_delta
      FROM contract_new n
      JOIN contract_old o ON o.id = n.id
      JOIN contract_award_profile p ON p.contract_id = n.id
      JOIN contract_cost_basis_v b ON b.contract_id = n.id
      CROSS JOIN LATERAL (SELECT contract_full_cost(n.value_pence, b.unit_price_pence, b.declared_full_cost_pence) AS new_cost,
                                 contract_full_cost(o.value_pence, b.unit_price_pence, b.declared_full_cost_pence) AS old_cost) f
      WHERE n.value_pence <> o.value_pence));
    RETURN NULL;
  END $$;
  CREATE TRIGGER contract_summary_updated AFTER UPDATE ON contract
    REFERENCING OLD TABLE AS contract_old NEW TABLE AS contract_new
    FOR EACH STATEMENT EXECUTE FUNCTION contract_summary_on_contract_update();

  -- The summary keys a contract's lines by these columns; the contracts module never changes them.
  CREATE FUNCTION contract_forbid_dimension_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'contract %: start date, region, PDU, category, provider, order and offer never change (spend summary depends on them)', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END $$;
  CREATE TRIGGER contract_dimensions_fixed BEFORE UPDATE ON contract
    FOR EACH ROW WHEN (
      OLD.start_date IS DISTINCT FROM NEW.start_date OR OLD.region_code IS DISTINCT FROM NEW.region_code
      OR OLD.pdu_code IS DISTINCT FROM NEW.pdu_code OR OLD.category IS DISTINCT FROM NEW.category
      OR OLD.provider_id IS DISTINCT FROM NEW.provider_id OR OLD.order_id IS DISTINCT FROM NEW.order_id
      OR OLD.offer_id IS DISTINCT FROM NEW.offer_id OR OLD.offer_version IS DISTINCT FROM NEW.offer_version)
    EXECUTE FUNCTION contract_forbid_dimension_change();

  CREATE FUNCTION contract_summary_on_payment_insert() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM contract_summary_add(ARRAY(
      SELECT ROW(v.contract_id, v.financial_year, v.quarter, v.region_code, v.pdu_code, v.category, v.provider_id, v.income_band,
                 v.organisation_type, v.contracts_started, v.committed_pence, v.settled_pence, v.fixed_paid_pence, v.outcome_paid_pence,
                 v.full_cost_pence, v.shortfall_pence, v.contracts_below_cost)::contract_summary_delta
      FROM contract_payment_delta_v v WHERE v.payment_id IN (SELECT id FROM payment_added)));
    RETURN NULL;
  END $$;
  CREATE TRIGGER payment_summary_inserted AFTER INSERT ON payment
    REFERENCING NEW TABLE AS payment_added
    FOR EACH STATEMENT EXECUTE FUNCTION contract_summary_on_payment_insert();
`;

const PUBLISHED_VIEWS = `
  CREATE VIEW contract_quarter_summary_v AS SELECT * FROM contract_quarter_summary;
  COMMENT ON VIEW contract_quarter_summary_v IS 'published by contracts; read by spend';
  CREATE VIEW contract_provider_quarter_summary_v AS SELECT * FROM contract_provider_quarter_summary;
  COMMENT ON VIEW contract_provider_quarter_summary_v IS 'published by contracts; read by spend';

  -- One row per approved report and outcome measure, with what was paid for that period. Narratives are not read.
  CREATE VIEW contract_outcome_paid_v AS
  SELECT r.contract_id, r.period,
         CASE WHEN r.period LIKE '%-Q_' THEN left(r.period, 7) ELSE contract_financial_year((r.period || '-01')::date) END AS financial_year,
         CASE WHEN r.period LIKE '%-Q_' THEN right(r.period, 1)::smallint ELSE contract_financial_quarter((r.period || '-01')::date) END AS quarter,
         c.region_code, c.pdu_code, c.category, c.provider_id, p.income_band, p.organisation_type,
         m.measure_code, m.name AS measure_name, m.unit, m.weight,
         (a.item ->> 'achievement')::numeric AS achievement,
         coalesce(paid.amount_pence, 0)::bigint AS period_paid_pence
  FROM performance_report r
  JOIN contract c ON c.id = r.contract_id
  JOIN contract_award_profile p ON p.contract_id = c.id
  CROSS JOIN LATERAL jsonb_array_elements(r.actuals) AS a(item)
  JOIN contract_outcome_measure m ON m.id = (a.item ->> 'measureId')::uuid
  LEFT JOIN LATERAL (
    SELECT sum(pay.amount_pence) AS amount_pence FROM payment pay WHERE pay.contract_id = r.contract_id AND pay.period = r.period
  ) paid ON true
  WHERE r.status = 'APPROVED';
  COMMENT ON VIEW contract_outcome_paid_v IS 'published by contracts; read by spend';

  -- Same columns as Publication1764201600800 made them, now over the views their owners publish.
  CREATE OR REPLACE VIEW supply_chain_contract_v AS
  SELECT c.id AS contract_id, c.seq, c.order_id, c.region_code, r.name AS region_name, c.pdu_code, d.name AS pdu_name,
         c.category, c.start_date, c.end_date, c.status, c.value_pence, c.reporting_period, c.created_at AS awarded_at,
         o.identifier AS provider_identifier, o.legal_name AS provider_name, o.charity_number AS provider_charity_number,
         o.company_number AS provider_company_number,
         v.title AS service_title, v.summary AS service_summary, v.pricing_unit, v.unit_price_pence, so.quantity
  FROM contract c
  JOIN organisation_profile_v o ON o.id = c.provider_id
  JOIN region_v r ON r.code = c.region_code
  JOIN pdu_v d ON d.code = c.pdu_code
  JOIN service_offer_version_v v ON v.offer_id = c.offer_id AND v.version = c.offer_version
  JOIN service_order_terms_v so ON so.id = c.order_id;
  COMMENT ON VIEW supply_chain_contract_v IS 'published by contracts; read by publication';
  COMMENT ON VIEW supply_chain_measure_v IS 'published by contracts; read by publication';
  COMMENT ON VIEW supply_chain_report_v IS 'published by contracts; read by publication';
  COMMENT ON VIEW supply_chain_payment_v IS 'published by contracts; read by publication';
  COMMENT ON VIEW supply_chain_subcontractor_v IS 'published by contracts; read by publication';
  COMMENT ON VIEW supply_chain_funding_v IS 'published by contracts; read by publication';
  COMMENT ON VIEW supply_chain_contribution_v IS 'published by contracts; read by publication';
`;
