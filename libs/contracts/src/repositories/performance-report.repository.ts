import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Pence } from '@mkt/common';
import { queryOne, queryRows } from '@mkt/database';
import { ReportRow, StoredActual } from './contract.rows';

/** Who submits or reviews a report, and when (the app's clock). */
export interface ReportActor {
  sub: string;
  at: Date;
}

/** SQL for `performance_report`: one report per contract and period. */
@Injectable()
export class PerformanceReportRepository {
  ofContracts(em: EntityManager, contractIds: readonly string[]): Promise<ReportRow[]> {
    return queryRows<ReportRow>(em, 'SELECT * FROM performance_report WHERE contract_id = ANY($1) ORDER BY period', [contractIds]);
  }

  async contractIdOf(em: EntityManager, reportId: string): Promise<string | undefined> {
    const found = await queryOne<{ contract_id: string }>(em, 'SELECT contract_id FROM performance_report WHERE id = $1', [reportId]);
    return found?.contract_id;
  }

  /** A first submission; a concurrent one for the same period fails on the unique key. */
  async insertSubmitted(
    em: EntityManager,
    contractId: string,
    period: string,
    report: { actuals: StoredActual[]; narrative: string },
    by: ReportActor,
  ): Promise<ReportRow> {
    const row = await queryOne<ReportRow>(
      em,
      `INSERT INTO performance_report (contract_id, period, status, actuals, narrative, submitted_by, submitted_at)
       VALUES ($1, $2, 'SUBMITTED', $3, $4, $5, $6) RETURNING *`,
      [contractId, period, JSON.stringify(report.actuals), report.narrative, by.sub, by.at],
    );
    return row!;
  }

  async resubmit(em: EntityManager, id: string, report: { actuals: StoredActual[]; narrative: string }, by: ReportActor): Promise<ReportRow> {
    const row = await queryOne<ReportRow>(
      em,
      `UPDATE performance_report SET status = 'SUBMITTED', actuals = $2, narrative = $3, submitted_by = $4, submitted_at = $5,
         submissions = submissions + 1, reviewed_by = NULL, reviewed_at = NULL
       WHERE id = $1 RETURNING *`,
      [id, JSON.stringify(report.actuals), report.narrative, by.sub, by.at],
    );
    return row!;
  }

  async approve(
    em: EntityManager,
    id: string,
    outcome: { score: number; earned: Pence; actuals: StoredActual[] },
    by: ReportActor,
  ): Promise<ReportRow> {
    const row = await queryOne<ReportRow>(
      em,
      `UPDATE performance_report SET status = 'APPROVED', reviewed_by = $2, reviewed_at = $3, score = $4,
         outcome_earned_pence = $5, actuals = $6, return_reason = NULL
       WHERE id = $1 RETURNING *`,
      [id, by.sub, by.at, outcome.score, outcome.earned.toString(), JSON.stringify(outcome.actuals)],
    );
    return row!;
  }

  async markReturned(em: EntityManager, id: string, reason: string, by: ReportActor): Promise<ReportRow> {
    const row = await queryOne<ReportRow>(
      em,
      `UPDATE performance_report SET status = 'RETURNED', reviewed_by = $2, reviewed_at = $3, return_reason = $4 WHERE id = $1 RETURNING *`,
      [id, by.sub, by.at, reason],
    );
    return row!;
  }
}
