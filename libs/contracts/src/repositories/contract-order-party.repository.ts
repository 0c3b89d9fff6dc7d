import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne } from '@mkt/database';

export interface ContractOrderPartyRow {
  placed_by: string;
  conflict_of_interest_declared: boolean;
}

/** Every statement on `contract_order_party`: who placed a contract's order, and a declared conflict. */
@Injectable()
export class ContractOrderPartyRepository {
  async insert(em: EntityManager, contractId: string, placedBy: string, conflictDeclared: boolean): Promise<void> {
    await em.query(`INSERT INTO contract_order_party (contract_id, placed_by, conflict_of_interest_declared) VALUES ($1, $2, $3)`, [
      contractId,
      placedBy,
      conflictDeclared,
    ]);
  }

  find(em: EntityManager, contractId: string): Promise<ContractOrderPartyRow | undefined> {
    return queryOne<ContractOrderPartyRow>(em, `SELECT placed_by, conflict_of_interest_declared FROM contract_order_party WHERE contract_id = $1`, [
      contractId,
    ]);
  }
}
