import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Pence } from '@mkt/common';
import { queryOne, queryRows } from '@mkt/database';

/** A `contract_budget_phase` row as PostgreSQL returns it (bigint pence as text). */
export interface ContractBudgetPhaseRow {
  contract_id: string;
  financial_year: string;
  budget_id: string;
  amount_pence: string;
  paid_pence: string;
  released_pence: string;
}

/** Every statement on `contract_budget_phase`; the contract's row lock serialises changes to one contract's phases. */
@Injectable()
export class ContractBudgetPhaseRepository {
  async insert(
    em: EntityManager,
    contractId: string,
    phases: readonly { financialYear: string; budgetId: string; amountPence: Pence }[],
  ): Promise<void> {
    await queryRows(
      em,
      `INSERT INTO contract_budget_phase (contract_id, financial_year, budget_id, amount_pence)
       SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::bigint[])`,
      [contractId, phases.map((p) => p.financialYear), phases.map((p) => p.budgetId), phases.map((p) => p.amountPence.toString())],
    );
  }

  /** The phases of the contracts in financial-year order. */
  ofContracts(em: EntityManager, contractIds: readonly string[]): Promise<ContractBudgetPhaseRow[]> {
    return queryRows<ContractBudgetPhaseRow>(
      em,
      'SELECT * FROM contract_budget_phase WHERE contract_id = ANY($1::uuid[]) ORDER BY contract_id, financial_year',
      [contractIds],
    );
  }

  /** Moves a year's commitment, paid and released figures by the deltas given. */
  async move(em: EntityManager, contractId: string, financialYear: string, d: { amount?: Pence; paid?: Pence; released?: Pence }): Promise<void> {
    const row = await queryOne(
      em,
      `UPDATE contract_budget_phase SET amount_pence = amount_pence + $3::bigint, paid_pence = paid_pence + $4::bigint,
         released_pence = released_pence + $5::bigint
       WHERE contract_id = $1 AND financial_year = $2 RETURNING contract_id`,
      [contractId, financialYear, (d.amount ?? 0n).toString(), (d.paid ?? 0n).toString(), (d.released ?? 0n).toString()],
    );
    if (!row) throw new Error(`contract ${contractId} has no budget phase for ${financialYear}`);
  }
}
