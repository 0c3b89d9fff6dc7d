import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: the spend read model follows the contract budget phases (ContractBudgetPhases1764201611300):
 * committed is reported per phase, in the first quarter of the contract within the phase's year (the
 * start quarter for the first year, Q1 for later years), and a payment settles against the phase of
 * its period's year. Contracts started, full cost, gap and the below-cost count stay in the start
 * quarter. Existing contracts have one phase on their pot in their start year, exactly what the
 * summary already counts, so no figure changes.
 */
export class ContractBudgetPhasesReadModel1764201611310 implements MigrationInterface {
  name = 'ContractBudgetPhasesReadModel1764201611310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(VIEWS);
    await q.query(FUNCTIONS);
    await q.query(TRIGGERS);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('ContractBudgetPhasesReadModel1764201611310 is not reversible'));
  }
}

// Same columns as ContractSpendReadModel1764201610040 made them (CREATE OR REPLACE keeps them).
const VIEWS = `
  CREATE OR REPLACE VIEW contract_commitment_v AS
  SELECT c.id AS contract_id,
         contract_financial_year(c.start_date) AS financial_year,
         contract_financial_quarter(c.start_date) AS quarter,
         c.region_code, c.pdu_code, c.category, c.provider_id, p.income_band, p.organisation_type,
         1 AS contracts_started,
         0::bigint AS committed_pence,
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

  -- The quarter a phase's commitment is reported in: the contract's first quarter within the year.
  CREATE FUNCTION contract_phase_quarter(financial_year text, start_date date) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN financial_year = contract_financial_year(start_date) THEN contract_financial_quarter(start_date) ELSE 1::smallint END
  $$;

  -- The financial year a period (2026-27-Q3 or 2026-11) falls in.
  CREATE FUNCTION contract_period_year(period text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN period LIKE '%-Q_' THEN left(period, 7) ELSE contract_financial_year((period || '-01')::date) END
  $$;

  CREATE VIEW contract_phase_commitment_v AS
  SELECT ph.contract_id, ph.financial_year, contract_phase_quarter(ph.financial_year, c.start_date) AS quarter,
         c.region_code, c.pdu_code, c.category, c.provider_id, p.income_band, p.organisation_type,
         0 AS contracts_started, ph.amount_pence AS committed_pence, 0::bigint AS settled_pence, 0::bigint AS fixed_paid_pence,
         0::bigint AS outcome_paid_pence, 0::bigint AS full_cost_pence, 0::bigint AS shortfall_pence, 0 AS contracts_below_cost
  FROM contract_budget_phase ph
  JOIN contract c ON c.id = ph.contract_id
  JOIN contract_award_profile p ON p.contract_id = c.id;

  -- A payment settles against the phase of its period's year (a contract's first phase when it has none for that year).
  CREATE OR REPLACE VIEW contract_payment_delta_v AS
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
  CROSS JOIN LATERAL (
    SELECT coalesce(
      (SELECT ph.financial_year FROM contract_budget_phase ph WHERE ph.contract_id = c.id AND ph.financial_year = contract_period_year(pay.period)),
      (SELECT min(ph.financial_year) FROM contract_budget_phase ph WHERE ph.contract_id = c.id),
      contract_financial_year(c.start_date)) AS year
  ) settle
  CROSS JOIN LATERAL (VALUES
    (contract_financial_year(pay.paid_on), contract_financial_quarter(pay.paid_on), 0::bigint,
     CASE WHEN pay.kind = 'FIXED' THEN pay.amount_pence ELSE 0 END::bigint,
     CASE WHEN pay.kind = 'OUTCOME' THEN pay.amount_pence ELSE 0 END::bigint),
    (settle.year, contract_phase_quarter(settle.year, c.start_date), pay.amount_pence, 0::bigint, 0::bigint)
  ) AS d(financial_year, quarter, settled_pence, fixed_paid_pence, outcome_paid_pence);
`;

const FUNCTIONS = `
  -- As in ContractSpendReadModel1764201610040, with commitment read from the phases (contracts without any get one first).
  CREATE OR REPLACE FUNCTION rebuild_contract_summary() RETURNS void LANGUAGE plpgsql
    SET work_mem = '256MB'
  AS $$
  BEGIN
    LOCK TABLE contract, payment, contract_budget_phase IN SHARE MODE;
    INSERT INTO contract_award_profile (contract_id, income_band, organisation_type)
    SELECT c.id, o.income_band, o.organisation_type FROM contract c JOIN organisation_profile_v o ON o.id = c.provider_id
    ON CONFLICT (contract_id) DO NOTHING;
    -- Bulk-loaded contracts (the seed) commit their value on their pot in their start year.
    INSERT INTO contract_budget_phase (contract_id, financial_year, budget_id, amount_pence, paid_pence)
    SELECT c.id, contract_financial_year(c.start_date), c.budget_id, c.value_pence,
           coalesce((SELECT sum(p.amount_pence) FROM payment p WHERE p.contract_id = c.id), 0)
    FROM contract c WHERE NOT EXISTS (SELECT 1 FROM contract_budget_phase ph WHERE ph.contract_id = c.id);
    TRUNCATE contract_quarter_summary, contract_provider_quarter_summary;
    INSERT INTO contract_quarter_summary
    SELECT contract_id, financial_year, quarter, region_code, pdu_code, category, provider_id, income_band, organisation_type,
           sum(contracts_started)::int, sum(committed_pence)::bigint, sum(settled_pence)::bigint, sum(fixed_paid_pence)::bigint,
           sum(outcome_paid_pence)::bigint, sum(full_cost_pence)::bigint, sum(shortfall_pence)::bigint, sum(contracts_below_cost)::int
    FROM (
      SELECT * FROM contract_commitment_v
      UNION ALL
      SELECT * FROM contract_phase_commitment_v
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

  -- A variation moves full cost, gap and the below-cost count in the start quarter; its commitment moves through the phases.
  CREATE OR REPLACE FUNCTION contract_summary_on_contract_update() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM contract_summary_add(ARRAY(
      SELECT ROW(n.id, contract_financial_year(n.start_date), contract_financial_quarter(n.start_date), n.region_code, n.pdu_code,
                 n.category, n.provider_id, p.income_band, p.organisation_type, 0, 0, 0, 0, 0,
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

  -- Commitment per phase: a new phase adds its amount, a changed phase moves by its delta.
  CREATE FUNCTION contract_summary_on_phase_insert() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM contract_summary_add(ARRAY(
      SELECT ROW(v.*)::contract_summary_delta FROM contract_phase_commitment_v v
      JOIN phase_new n ON n.contract_id = v.contract_id AND n.financial_year = v.financial_year));
    RETURN NULL;
  END $$;
  CREATE FUNCTION contract_summary_on_phase_update() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM contract_summary_add(ARRAY(
      SELECT ROW(v.contract_id, v.financial_year, v.quarter, v.region_code, v.pdu_code, v.category, v.provider_id, v.income_band,
                 v.organisation_type, 0, n.amount_pence - o.amount_pence, 0, 0, 0, 0, 0, 0)::contract_summary_delta
      FROM phase_new n
      JOIN phase_old o ON o.contract_id = n.contract_id AND o.financial_year = n.financial_year
      JOIN contract_phase_commitment_v v ON v.contract_id = n.contract_id AND v.financial_year = n.financial_year
      WHERE n.amount_pence <> o.amount_pence));
    RETURN NULL;
  END $$;
`;

const TRIGGERS = `
  CREATE TRIGGER contract_phase_summary_inserted AFTER INSERT ON contract_budget_phase
    REFERENCING NEW TABLE AS phase_new
    FOR EACH STATEMENT EXECUTE FUNCTION contract_summary_on_phase_insert();
  CREATE TRIGGER contract_phase_summary_updated AFTER UPDATE ON contract_budget_phase
    REFERENCING OLD TABLE AS phase_old NEW TABLE AS phase_new
    FOR EACH STATEMENT EXECUTE FUNCTION contract_summary_on_phase_update();
  -- Phases are never deleted: a year that loses its money keeps a phase of 0.
  CREATE FUNCTION contract_phase_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'contract_budget_phase rows are never deleted (the spend summary counts them)' USING ERRCODE = 'integrity_constraint_violation';
  END $$;
  CREATE TRIGGER contract_phase_kept BEFORE DELETE ON contract_budget_phase FOR EACH ROW EXECUTE FUNCTION contract_phase_no_delete();
`;
