import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Pence } from '@mkt/common';
import { queryOne, queryRows } from '@mkt/database';
import { FundingRow, FundingTotalRow } from './supply-chain.rows';

/** Money a prime passed down to one subcontractor in one quarter. */
export interface FundingPassedDown {
  contractId: string;
  subcontractorId: string;
  financialYear: string;
  quarter: number;
  amount: Pence;
  reportedBy: string;
  reportedAt: Date;
}

/** SQL for `funding_passed_down`: one amount per subcontractor and quarter, replaced when reported again. */
@Injectable()
export class FundingRepository {
  findQuarter(em: EntityManager, subcontractorId: string, financialYear: string, quarter: number): Promise<FundingRow | undefined> {
    return queryOne<FundingRow>(em, 'SELECT * FROM funding_passed_down WHERE subcontractor_id = $1 AND financial_year = $2 AND quarter = $3', [
      subcontractorId,
      financialYear,
      quarter,
    ]);
  }

  async upsert(em: EntityManager, f: FundingPassedDown): Promise<void> {
    await queryRows(
      em,
      `INSERT INTO funding_passed_down (contract_id, subcontractor_id, financial_year, quarter, amount_pence, reported_by, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (subcontractor_id, financial_year, quarter)
       DO UPDATE SET amount_pence = EXCLUDED.amount_pence, reported_by = EXCLUDED.reported_by, reported_at = EXCLUDED.reported_at`,
      [f.contractId, f.subcontractorId, f.financialYear, f.quarter, f.amount.toString(), f.reportedBy, f.reportedAt],
    );
  }

  /** Every subcontractor of the contract with the total passed down to it (zero if none). */
  totalsOfContract(em: EntityManager, contractId: string): Promise<FundingTotalRow[]> {
    return queryRows<FundingTotalRow>(
      em,
      `SELECT s.id AS subcontractor_id, s.tier, s.parent_id, coalesce(sum(f.amount_pence), 0) AS total
       FROM subcontractor s LEFT JOIN funding_passed_down f ON f.subcontractor_id = s.id
       WHERE s.contract_id = $1 GROUP BY s.id`,
      [contractId],
    );
  }

  ofSubcontractors(em: EntityManager, subcontractorIds: readonly string[]): Promise<FundingRow[]> {
    return queryRows<FundingRow>(em, 'SELECT * FROM funding_passed_down WHERE subcontractor_id = ANY($1) ORDER BY financial_year, quarter', [
      subcontractorIds,
    ]);
  }
}
