import { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  formatPence,
  formatPounds,
  MAX_SUBCONTRACTORS_PER_CONTRACT,
  parsePence,
  penceFromDb,
  quarterOutsideContract,
  RequestLoaders,
  Clock,
} from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { pgErrorCode, PG_UNIQUE_VIOLATION, TransactionRunner } from '@mkt/database';
import { parseOrgIdentifier } from '@mkt/organisations';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { DeclareSubcontractorInput, ReportContributionInput, ReportFundingPassedDownInput } from '../dtos/contract.inputs';
import { SubcontractorView } from '../dtos/contract.types';
import { FundingRepository } from '../repositories/funding.repository';
import { SupplyChainRepository } from '../repositories/supply-chain.repository';
import { FundingTotalRow, mapSubcontractor, SubcontractorRow } from '../repositories/supply-chain.rows';
import { ContractsService, ContractState } from './contracts.service';

/**
 * Who actually delivers (Recommendation 1): the prime provider declares its tier 2 and tier 3
 * subcontractors, the money it passes down each quarter, and their contribution to each outcome
 * measure. Money passed down can never exceed what the prime has been paid.
 */
@Injectable()
export class SupplyChainService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly contracts: ContractsService,
    private readonly chain: SupplyChainRepository,
    private readonly funding: FundingRepository,
    private readonly clock: Clock,
  ) {}

  declare(actor: Principal, input: DeclareSubcontractorInput): Promise<SubcontractorView> {
    const parsed = parseOrgIdentifier(input.identifier);
    if (!parsed.ok) throw ContractsException.badInput('identifier', parsed.reason);
    const { scheme, number } = parsed.value;
    return this.db.run(async (em) => {
      const state = await this.contracts.lockFor(em, actor, input.contractId, 'provider');
      await this.assertSubcontractorRoom(em, state.contract.id);
      const parentId = await this.parentOf(em, state.contract.id, input);
      const row = await this.chain
        .insert(em, {
          contractId: state.contract.id,
          parentId,
          tier: input.tier,
          identifier: input.identifier,
          name: input.name.trim(),
          charityNumber: input.charityNumber ?? (scheme === 'GB-CHC' || scheme === 'GB-SC' ? number : null),
          companyNumber: input.companyNumber ?? (scheme === 'GB-COH' ? number : null),
          serviceSummary: input.serviceSummary,
          declaredBy: actor.sub,
          declaredAt: this.clock.now(),
        })
        .catch((error: unknown) => {
          if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
            throw new ContractsException(ContractsErrorCode.CONFLICT, `${input.identifier} is already declared on this contract`, {
              field: 'identifier',
            });
          }
          throw error;
        });
      const view = mapSubcontractor(row, [], []);
      await this.audit.record(em, actor, { action: 'subcontractor.declared', entityType: 'Subcontractor', entityId: view.id, after: view });
      return view;
    });
  }

  /** A tier 3 subcontractor sits under a tier 2 one of the same contract; a tier 2 under none. */
  private async parentOf(em: EntityManager, contractId: string, input: DeclareSubcontractorInput): Promise<string | null> {
    if (input.tier !== 3) {
      if (input.parentSubcontractorId) throw ContractsException.badInput('parentSubcontractorId', 'a tier 2 subcontractor has no parent');
      return null;
    }
    if (!input.parentSubcontractorId) throw ContractsException.badInput('parentSubcontractorId', 'a tier 3 subcontractor sits under a tier 2 one');
    const parent = await this.chain.findOfContract(em, contractId, input.parentSubcontractorId);
    if (!parent || parent.tier !== 2) throw ContractsException.badInput('parentSubcontractorId', 'must be a tier 2 subcontractor of this contract');
    return parent.id;
  }

  reportFunding(actor: Principal, input: ReportFundingPassedDownInput): Promise<SubcontractorView> {
    const amount = parsePence(input.amount);
    return this.db.run(async (em) => {
      const state = await this.contracts.lockFor(em, actor, input.contractId, 'provider');
      assertQuarterWithin(state, input);
      const sub = await this.subcontractorOf(em, state.contract.id, input.subcontractorId);
      const before = await this.funding.findQuarter(em, sub.id, input.financialYear, input.quarter);
      await this.funding.upsert(em, {
        contractId: state.contract.id,
        subcontractorId: sub.id,
        financialYear: input.financialYear,
        quarter: input.quarter,
        amount,
        reportedBy: actor.sub,
        reportedAt: this.clock.now(),
      });
      assertFundingCovered(state, await this.funding.totalsOfContract(em, state.contract.id));
      const quarter = { financialYear: input.financialYear, quarter: input.quarter };
      await this.audit.record(em, actor, {
        action: 'subcontractor.fundingReported',
        entityType: 'Subcontractor',
        entityId: sub.id,
        before: before ? { ...quarter, amount: formatPence(penceFromDb(before.amount_pence)) } : undefined,
        after: { ...quarter, amount: formatPence(amount) },
      });
      return this.view(em, sub);
    });
  }

  reportContribution(actor: Principal, input: ReportContributionInput): Promise<SubcontractorView> {
    return this.db.run(async (em) => {
      const state = await this.contracts.lockFor(em, actor, input.contractId, 'provider');
      assertQuarterWithin(state, input);
      const sub = await this.subcontractorOf(em, state.contract.id, input.subcontractorId);
      const measureIds = new Set(state.measures.map((m) => m.id));
      const unknown = input.contributions.filter((c) => !measureIds.has(c.measureId.toLowerCase()));
      if (unknown.length) throw ContractsException.badInput('contributions.measureId', 'not an outcome measure of this contract');
      for (const c of input.contributions) {
        await this.chain.upsertContribution(em, {
          subcontractorId: sub.id,
          measureId: c.measureId.toLowerCase(),
          financialYear: input.financialYear,
          quarter: input.quarter,
          value: c.value.toFixed(6),
          reportedBy: actor.sub,
          reportedAt: this.clock.now(),
        });
      }
      await this.audit.record(em, actor, {
        action: 'subcontractor.contributionReported',
        entityType: 'Subcontractor',
        entityId: sub.id,
        after: { financialYear: input.financialYear, quarter: input.quarter, contributions: input.contributions },
      });
      return this.view(em, sub);
    });
  }

  /** Subcontractors of a page of contracts, with their funding and contributions. */
  loader(loaders: RequestLoaders): DataLoader<string, SubcontractorView[]> {
    return loaders.get(
      'contracts.subcontractors',
      () =>
        new DataLoader(async (contractIds: readonly string[]) => {
          const subs = await this.chain.ofContracts(this.db.reader, contractIds);
          const views = await this.views(this.db.reader, subs);
          return contractIds.map((id) => views.filter((v) => v.contractId === id));
        }),
    );
  }

  private async view(em: EntityManager, sub: SubcontractorRow): Promise<SubcontractorView> {
    return (await this.views(em, [sub]))[0];
  }

  private async views(em: EntityManager, subs: SubcontractorRow[]): Promise<SubcontractorView[]> {
    if (!subs.length) return [];
    const ids = subs.map((s) => s.id);
    // One after another: inside a transaction `em` is one connection, and pg deprecates queueing on it.
    const funding = await this.funding.ofSubcontractors(em, ids);
    const contributions = await this.chain.contributionsOf(em, ids);
    return subs.map((s) =>
      mapSubcontractor(
        s,
        funding.filter((f) => f.subcontractor_id === s.id),
        contributions.filter((c) => c.subcontractor_id === s.id),
      ),
    );
  }

  private async subcontractorOf(em: EntityManager, contractId: string, id: string): Promise<SubcontractorRow> {
    const sub = await this.chain.findOfContract(em, contractId, id);
    if (!sub) throw ContractsException.notFound('Subcontractor');
    return sub;
  }

  private async assertSubcontractorRoom(em: EntityManager, contractId: string): Promise<void> {
    if ((await this.chain.countOfContract(em, contractId)) >= MAX_SUBCONTRACTORS_PER_CONTRACT) {
      throw new ContractsException(ContractsErrorCode.INVALID_STATE, `A contract declares at most ${MAX_SUBCONTRACTORS_PER_CONTRACT} subcontractors`);
    }
  }
}

/**
 * Money reaching tier 2 comes from the prime and may not exceed what the prime has been paid;
 * tier 3 money comes out of its tier 2's share and may not exceed it.
 */
function assertFundingCovered(state: ContractState, totals: FundingTotalRow[]): void {
  const passedByPrime = totals.filter((t) => t.tier === 2).reduce((s, t) => s + penceFromDb(t.total), 0n);
  const paidToPrime = state.payments.reduce((s, p) => s + penceFromDb(p.amount_pence), 0n);
  if (passedByPrime > paidToPrime) {
    throw new ContractsException(
      ContractsErrorCode.FUNDING_EXCEEDS_PAYMENTS,
      `Funding passed down to tier 2 (${formatPounds(passedByPrime)}) would exceed what the prime provider has been paid (${formatPounds(paidToPrime)})`,
      { field: 'amount' },
    );
  }
  for (const tier2 of totals.filter((t) => t.tier === 2)) {
    const passedOn = totals.filter((t) => t.parent_id === tier2.subcontractor_id).reduce((s, t) => s + penceFromDb(t.total), 0n);
    if (passedOn > penceFromDb(tier2.total)) {
      throw new ContractsException(
        ContractsErrorCode.FUNDING_EXCEEDS_PAYMENTS,
        `Funding passed to tier 3 under ${tier2.subcontractor_id} (${formatPounds(passedOn)}) would exceed what that tier 2 received (${formatPounds(penceFromDb(tier2.total))})`,
        { field: 'amount' },
      );
    }
  }
}

/** Per-quarter reports only for quarters of the contract: the per-quarter lists stay bounded (see LIST_BOUNDS). */
function assertQuarterWithin(state: { contract: { startDate: string; endDate: string } }, input: { financialYear: string; quarter: number }): void {
  const problem = quarterOutsideContract(input.financialYear, input.quarter, state.contract.startDate, state.contract.endDate);
  if (problem) throw ContractsException.badInput('financialYear', problem);
}
