import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '@mkt/database';
import {
  ContractRow,
  ContributionRow,
  FundingRow,
  MeasureRow,
  PaymentRow,
  ReportRow,
  SnapshotRows,
  SubcontractorRow,
} from './supply-chain-views.rows';

/** Every read of the publication views (supply_chain_*_v) the owning modules publish to this lib. */
@Injectable()
export class SupplyChainViewsRepository {
  /** Contracts active at any time from `start` to `end`, in award order. */
  activeContracts(em: EntityManager, start: string, end: string): Promise<ContractRow[]> {
    return queryRows<ContractRow>(em, 'SELECT * FROM supply_chain_contract_v WHERE start_date <= $2 AND end_date >= $1 ORDER BY seq', [start, end]);
  }

  /** The contracts' measures, reports, payments to `quarterEnd`, and subcontractors with their figures to the quarter. */
  async snapshotRows(em: EntityManager, ids: string[], quarterEnd: string, financialYear: string, quarter: number): Promise<SnapshotRows> {
    // One after another: the snapshot runs in one transaction (one connection), and pg deprecates queueing on it.
    const measures = await queryRows<MeasureRow>(
      em,
      'SELECT * FROM supply_chain_measure_v WHERE contract_id = ANY($1) ORDER BY contract_id, position',
      [ids],
    );
    const reports = await queryRows<ReportRow>(em, 'SELECT * FROM supply_chain_report_v WHERE contract_id = ANY($1) ORDER BY period', [ids]);
    const payments = await queryRows<PaymentRow>(
      em,
      'SELECT * FROM supply_chain_payment_v WHERE contract_id = ANY($1) AND paid_on <= $2 ORDER BY seq',
      [ids, quarterEnd],
    );
    const subs = await queryRows<SubcontractorRow>(em, 'SELECT * FROM supply_chain_subcontractor_v WHERE contract_id = ANY($1) ORDER BY tier, seq', [
      ids,
    ]);
    const subIds = subs.map((s) => s.subcontractor_id);
    const funding = await queryRows<FundingRow>(
      em,
      'SELECT * FROM supply_chain_funding_v WHERE subcontractor_id = ANY($1) AND (financial_year, quarter) <= ($2, $3) ORDER BY financial_year, quarter',
      [subIds, financialYear, quarter],
    );
    const contributions = await queryRows<ContributionRow>(
      em,
      'SELECT * FROM supply_chain_contribution_v WHERE subcontractor_id = ANY($1) AND (financial_year, quarter) <= ($2, $3) ORDER BY financial_year, quarter, measure_id',
      [subIds, financialYear, quarter],
    );
    return { measures, reports, payments, subs, funding, contributions };
  }
}
