import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { type Principal } from '@mkt/auth';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { ContractOrderPartyRepository } from '../repositories/contract-order-party.repository';

/**
 * A commissioner who declared a conflict of interest when placing an order may not approve the
 * resulting contract's performance reports or record its payments (issue 13): someone else does.
 */
@Injectable()
export class ConflictOfInterestGuard {
  constructor(private readonly parties: ContractOrderPartyRepository) {}

  /** Keeps who placed the order (in the transaction creating the contract). */
  record(em: EntityManager, contractId: string, placedBy: string | undefined, conflictDeclared: boolean | undefined): Promise<void> {
    if (!placedBy) return Promise.resolve();
    return this.parties.insert(em, contractId, placedBy, conflictDeclared ?? false);
  }

  async assertNotConflicted(em: EntityManager, actor: Principal, contractId: string, action: string): Promise<void> {
    const party = await this.parties.find(em, contractId);
    if (party?.conflict_of_interest_declared && party.placed_by === actor.sub) {
      throw new ContractsException(
        ContractsErrorCode.CONFLICT_OF_INTEREST,
        `You declared a conflict of interest when you placed this contract's order; another commissioner must ${action}`,
      );
    }
  }
}
