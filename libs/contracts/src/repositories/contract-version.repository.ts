import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '@mkt/database';
import { ContractStatus } from '../contracts.enums';

export interface ContractVersionRow {
  contract_id: string;
  version: number;
  changed_at: Date;
  changed_by: string;
  reason: string;
  terms: unknown;
}

export interface NewContractVersion {
  contractId: string;
  version: number;
  changedBy: string;
  reason: string;
  terms: object;
  changedAt: Date;
}

/** SQL for `contract_version`: the kept terms of each version (creation and every variation). */
@Injectable()
export class ContractVersionRepository {
  async insert(em: EntityManager, v: NewContractVersion): Promise<void> {
    await queryRows(
      em,
      `INSERT INTO contract_version (contract_id, version, changed_by, reason, terms, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [v.contractId, v.version, v.changedBy, v.reason, JSON.stringify(v.terms), v.changedAt],
    );
  }

  /** The status each version had and when, oldest first. */
  statusHistory(em: EntityManager, contractId: string): Promise<{ status: ContractStatus; changed_at: Date }[]> {
    return queryRows<{ status: ContractStatus; changed_at: Date }>(
      em,
      `SELECT terms ->> 'status' AS status, changed_at FROM contract_version WHERE contract_id = $1 ORDER BY version`,
      [contractId],
    );
  }

  ofContracts(em: EntityManager, contractIds: readonly string[]): Promise<ContractVersionRow[]> {
    return queryRows<ContractVersionRow>(em, 'SELECT * FROM contract_version WHERE contract_id = ANY($1) ORDER BY version', [contractIds]);
  }
}
