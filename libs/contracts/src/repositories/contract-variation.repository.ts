import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@mkt/database';

export type ContractVariationStatus = 'PROPOSED' | 'AGREED' | 'REJECTED' | 'WITHDRAWN';

/** The term changes a variation proposes, as kept in `contract_variation.changes`. */
export interface ProposedChanges {
  endDate?: string;
  value?: string;
  outcomeMeasures?: { id: string; target?: number; weight?: number }[];
}

export interface ContractVariationRow {
  seq: string;
  id: string;
  contract_id: string;
  against_version: number;
  changes: ProposedChanges;
  reason: string;
  status: ContractVariationStatus;
  proposed_by: string;
  proposed_at: Date;
  answered_by: string | null;
  answered_at: Date | null;
  answer_reason: string | null;
}

/** SQL for proposed variations of a contract's terms (`contract_variation`). */
@Injectable()
export class ContractVariationRepository {
  async insert(
    em: EntityManager,
    v: { contractId: string; againstVersion: number; changes: ProposedChanges; reason: string; proposedBy: string; proposedAt: Date },
  ): Promise<ContractVariationRow> {
    const row = await queryOne<ContractVariationRow>(
      em,
      `INSERT INTO contract_variation (contract_id, against_version, changes, reason, proposed_by, proposed_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [v.contractId, v.againstVersion, JSON.stringify(v.changes), v.reason, v.proposedBy, v.proposedAt],
    );
    return row!;
  }

  findById(em: EntityManager, id: string): Promise<ContractVariationRow | undefined> {
    return queryOne<ContractVariationRow>(em, 'SELECT * FROM contract_variation WHERE id = $1', [id]);
  }

  countOf(em: EntityManager, contractId: string): Promise<{ all: number; open: number }> {
    return queryOne<{ all: number; open: number }>(
      em,
      `SELECT count(*)::int AS all, (count(*) FILTER (WHERE status = 'PROPOSED'))::int AS open FROM contract_variation WHERE contract_id = $1`,
      [contractId],
    ) as Promise<{ all: number; open: number }>;
  }

  ofContracts(em: EntityManager, contractIds: readonly string[]): Promise<ContractVariationRow[]> {
    return queryRows<ContractVariationRow>(em, 'SELECT * FROM contract_variation WHERE contract_id = ANY($1) ORDER BY seq', [contractIds]);
  }

  /** Answers an open proposal; undefined when it is no longer open. */
  answer(
    em: EntityManager,
    id: string,
    a: { status: Exclude<ContractVariationStatus, 'PROPOSED'>; by: string; at: Date; reason: string | null },
  ): Promise<ContractVariationRow | undefined> {
    return queryOne<ContractVariationRow>(
      em,
      `UPDATE contract_variation SET status = $2, answered_by = $3, answered_at = $4, answer_reason = $5
       WHERE id = $1 AND status = 'PROPOSED' RETURNING *`,
      [id, a.status, a.by, a.at, a.reason],
    );
  }
}
