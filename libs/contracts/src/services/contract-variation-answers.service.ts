import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import DataLoader from 'dataloader';
import { Clock, onDomainError, RequestLoaders } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { TransactionRunner } from '@mkt/database';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { ContractVariationView, mapVariation } from '../dtos/contract-variation.types';
import { ContractView } from '../dtos/contract.types';
import { ContractRepository } from '../repositories/contract.repository';
import { ContractVariationRepository, ContractVariationRow } from '../repositories/contract-variation.repository';
import { ContractsService, ContractState } from './contracts.service';
import { ContractVariationsService, staleVersion } from './contract-variations.service';

type Side = 'provider' | 'commissioner';

/**
 * The answer to a proposed variation: the provider (a PROVIDER of the contract's organisation)
 * agrees it, which applies it exactly as a variation always applied, or rejects it; the proposing
 * side may withdraw it. The contract's row lock serialises answers, so a proposal is applied once.
 */
@Injectable()
export class ContractVariationAnswersService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly contracts: ContractsService,
    private readonly rows: ContractRepository,
    private readonly proposals: ContractVariationRepository,
    private readonly variations: ContractVariationsService,
  ) {}

  /** Agrees and applies the proposal; CONFLICT when the contract changed since it was proposed. */
  agree(actor: Principal, variationId: string): Promise<ContractView> {
    return this.db.run(async (em) => {
      const { state, variation } = await this.open(em, actor, variationId, 'provider');
      if (variation.proposed_by === actor.sub) {
        throw new ContractsException(ContractsErrorCode.SEPARATION_OF_DUTIES, 'You proposed this variation; the provider must agree it');
      }
      const scopes = await this.contracts.scopesToChange(em, actor, 'provider');
      const bumped =
        state.contract.version === variation.against_version &&
        (await this.rows.bumpVersion(em, state.contract.id, variation.against_version, scopes));
      if (!bumped) throw staleVersion(state.contract.version, variation.against_version);
      await this.answer(em, actor, variation, 'AGREED', null);
      return this.variations.apply(em, actor, state, variation.changes, variation.reason, variation.id);
    });
  }

  reject(actor: Principal, variationId: string, reason: string): Promise<ContractVariationView> {
    return this.db.run(async (em) => {
      const { variation } = await this.open(em, actor, variationId, 'provider');
      return this.answer(em, actor, variation, 'REJECTED', reason);
    });
  }

  withdraw(actor: Principal, variationId: string, reason: string): Promise<ContractVariationView> {
    return this.db.run(async (em) => {
      const { variation } = await this.open(em, actor, variationId, 'commissioner');
      return this.answer(em, actor, variation, 'WITHDRAWN', reason);
    });
  }

  /** `contract { variations }`: every proposal of a page of contracts, oldest first, in one statement. */
  variationsLoader(loaders: RequestLoaders): DataLoader<string, ContractVariationView[]> {
    return loaders.get(
      'contracts.variations',
      () =>
        new DataLoader(async (contractIds: readonly string[]) => {
          const rows = await this.proposals.ofContracts(this.db.reader, contractIds);
          const grouped = new Map<string, ContractVariationView[]>();
          for (const row of rows) grouped.set(row.contract_id, [...(grouped.get(row.contract_id) ?? []), mapVariation(row)]);
          return contractIds.map((id) => grouped.get(id) ?? []);
        }),
    );
  }

  /** The proposal and its contract, locked by the side that answers; NOT_FOUND to anyone else. */
  private async open(
    em: EntityManager,
    actor: Principal,
    variationId: string,
    side: Side,
  ): Promise<{ state: ContractState; variation: ContractVariationRow }> {
    const found = await this.proposals.findById(em, variationId);
    if (!found) throw ContractsException.notFound('Variation');
    const state = await this.contracts.lockFor(em, actor, found.contract_id, side).catch(
      onDomainError(ContractsErrorCode.NOT_FOUND, () => {
        throw ContractsException.notFound('Variation');
      }),
    );
    // Read again under the contract's lock: a concurrent answer has committed by now.
    const variation = (await this.proposals.findById(em, variationId))!;
    if (variation.status !== 'PROPOSED') {
      throw new ContractsException(ContractsErrorCode.INVALID_STATE, `The variation is ${variation.status}, not open for an answer`, {
        status: variation.status,
      });
    }
    return { state, variation };
  }

  private async answer(
    em: EntityManager,
    actor: Principal,
    variation: ContractVariationRow,
    status: 'AGREED' | 'REJECTED' | 'WITHDRAWN',
    reason: string | null,
  ): Promise<ContractVariationView> {
    const row = await this.proposals.answer(em, variation.id, { status, by: actor.sub, at: this.clock.now(), reason });
    if (!row) throw new ContractsException(ContractsErrorCode.INVALID_STATE, 'The variation is no longer open for an answer');
    await this.audit.record(em, actor, {
      action: `contract.variation.${status.toLowerCase()}`,
      entityType: 'ContractVariation',
      entityId: row.id,
      before: { status: variation.status },
      after: { status, contractId: row.contract_id, ...(reason ? { reason } : {}) },
    });
    return mapVariation(row);
  }
}
