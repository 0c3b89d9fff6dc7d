import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: a contract keeps its commitment per financial year (`contract_budget_phase`, passed
 * from the order it came from), so later movements charge the right year's pot: a variation moves
 * each year by its delta, a payment is paid against the year its period falls in, a release
 * (unearned outcome money, instalments after a termination) comes out of that year.
 * `amount_pence` is what the year commits now (released money taken out); `budget_id` names a
 * budgets pot by id only (docs/adr/0005). Existing contracts become one phase on their pot in their
 * start year. The spend read model follows in ContractBudgetPhasesReadModel1764201611310 (this table
 * alone needs nothing of the read models, so a database of any earlier release can take it first).
 */
export class ContractBudgetPhases1764201611300 implements MigrationInterface {
  name = 'ContractBudgetPhases1764201611300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(PHASE_TABLE);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('ContractBudgetPhases1764201611300 is not reversible'));
  }
}

const PHASE_TABLE = `
  CREATE TABLE contract_budget_phase (
    contract_id uuid NOT NULL REFERENCES contract(id),
    financial_year text NOT NULL CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
    budget_id uuid NOT NULL,
    amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
    paid_pence bigint NOT NULL DEFAULT 0,
    released_pence bigint NOT NULL DEFAULT 0 CHECK (released_pence >= 0),
    PRIMARY KEY (contract_id, financial_year)
  );
  CREATE INDEX contract_budget_phase_budget_idx ON contract_budget_phase (budget_id);
  INSERT INTO contract_budget_phase (contract_id, financial_year, budget_id, amount_pence, paid_pence)
    SELECT c.id, to_char(c.start_date - interval '3 months', 'YYYY') || '-' || to_char(c.start_date + interval '9 months', 'YY'), c.budget_id, c.value_pence,
           coalesce((SELECT sum(p.amount_pence) FROM payment p WHERE p.contract_id = c.id), 0)
    FROM contract c;
`;
