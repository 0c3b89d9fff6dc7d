import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@mkt/database';
import { ContributionRow, SubcontractorRow } from './supply-chain.rows';

export interface NewSubcontractor {
  contractId: string;
  parentId: string | null;
  tier: number;
  identifier: string;
  name: string;
  charityNumber: string | null;
  companyNumber: string | null;
  serviceSummary: string;
  declaredBy: string;
  declaredAt: Date;
}

/** One subcontractor's contribution to one measure in a quarter. */
export interface Contribution {
  subcontractorId: string;
  measureId: string;
  financialYear: string;
  quarter: number;
  value: string;
  reportedBy: string;
  reportedAt: Date;
}

/** SQL for the declared supply chain: `subcontractor` and `subcontractor_contribution`. */
@Injectable()
export class SupplyChainRepository {
  findOfContract(em: EntityManager, contractId: string, id: string): Promise<SubcontractorRow | undefined> {
    return queryOne<SubcontractorRow>(em, 'SELECT * FROM subcontractor WHERE id = $1 AND contract_id = $2', [id, contractId]);
  }

  async countOfContract(em: EntityManager, contractId: string): Promise<number> {
    const declared = await queryOne<{ n: number }>(em, 'SELECT count(*)::int AS n FROM subcontractor WHERE contract_id = $1', [contractId]);
    return declared?.n ?? 0;
  }

  /** A declaration; the same identifier twice on a contract fails on the unique key. */
  async insert(em: EntityManager, s: NewSubcontractor): Promise<SubcontractorRow> {
    const row = await queryOne<SubcontractorRow>(
      em,
      `INSERT INTO subcontractor (contract_id, parent_id, tier, identifier, name, charity_number, company_number, service_summary, declared_by, declared_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [s.contractId, s.parentId, s.tier, s.identifier, s.name, s.charityNumber, s.companyNumber, s.serviceSummary, s.declaredBy, s.declaredAt],
    );
    return row!;
  }

  ofContracts(em: EntityManager, contractIds: readonly string[]): Promise<SubcontractorRow[]> {
    return queryRows<SubcontractorRow>(em, 'SELECT * FROM subcontractor WHERE contract_id = ANY($1) ORDER BY tier, seq', [contractIds]);
  }

  async upsertContribution(em: EntityManager, c: Contribution): Promise<void> {
    await queryRows(
      em,
      `INSERT INTO subcontractor_contribution (subcontractor_id, measure_id, financial_year, quarter, value, reported_by, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (subcontractor_id, measure_id, financial_year, quarter)
       DO UPDATE SET value = EXCLUDED.value, reported_by = EXCLUDED.reported_by, reported_at = EXCLUDED.reported_at`,
      [c.subcontractorId, c.measureId, c.financialYear, c.quarter, c.value, c.reportedBy, c.reportedAt],
    );
  }

  contributionsOf(em: EntityManager, subcontractorIds: readonly string[]): Promise<ContributionRow[]> {
    return queryRows<ContributionRow>(
      em,
      'SELECT * FROM subcontractor_contribution WHERE subcontractor_id = ANY($1) ORDER BY financial_year, quarter',
      [subcontractorIds],
    );
  }
}
