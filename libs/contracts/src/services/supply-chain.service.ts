import { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  formatPence,
  formatPounds,
  MAX_SUBCONTRACTORS_PER_CONTRACT,
  Money,
  parsePence,
  penceFromDb,
  quarterOutsideContract,
  RequestLoaders,
} from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { pgErrorCode, PG_UNIQUE_VIOLATION, queryOne, queryRows, TransactionRunner } from '@mkt/database';
import { parseOrgIdentifier } from '@mkt/organisations';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { DeclareSubcontractorInput, ReportContributionInput, ReportFundingPassedDownInput } from '../dtos/contract.inputs';
import { ContributionView, FundingPassedDownView, SubcontractorView } from '../dtos/contract.types';
import { ContractsService } from './contracts.service';

interface SubcontractorRow {
  id: string;
  contract_id: string;
  parent_id: string | null;
  tier: number;
  identifier: string;
  name: string;
  charity_number: string | null;
  company_number: string | null;
  service_summary: string;
}

interface FundingRow {
  subcontractor_id: string;
  financial_year: string;
  quarter: number;
  amount_pence: string;
}

interface ContributionRow {
  subcontractor_id: string;
  measure_id: string;
  financial_year: string;
  quarter: number;
  value: string;
}

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
  ) {}

  declare(actor: Principal, input: DeclareSubcontractorInput): Promise<SubcontractorView> {
    const parsed = parseOrgIdentifier(input.identifier);
    if (!parsed.ok) throw ContractsException.badInput('identifier', parsed.reason);
    return this.db.run(async (em) => {
      const state = await this.contracts.lockFor(em, actor, input.contractId, 'provider');
      await assertSubcontractorRoom(em, state.contract.id);
      let parentId: string | null = null;
      if (input.tier === 3) {
        if (!input.parentSubcontractorId)
          throw ContractsException.badInput('parentSubcontractorId', 'a tier 3 subcontractor sits under a tier 2 one');
        const parent = await queryOne<SubcontractorRow>(em, 'SELECT * FROM subcontractor WHERE id = $1 AND contract_id = $2', [
          input.parentSubcontractorId,
          state.contract.id,
        ]);
        if (!parent || parent.tier !== 2)
          throw ContractsException.badInput('parentSubcontractorId', 'must be a tier 2 subcontractor of this contract');
        parentId = parent.id;
      } else if (input.parentSubcontractorId) {
        throw ContractsException.badInput('parentSubcontractorId', 'a tier 2 subcontractor has no parent');
      }
      const row = await queryOne<SubcontractorRow>(
        em,
        `INSERT INTO subcontractor (contract_id, parent_id, tier, identifier, name, charity_number, company_number, service_summary, declared_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          state.contract.id,
          parentId,
          input.tier,
          input.identifier,
          input.name.trim(),
          input.charityNumber ?? (parsed.value.scheme === 'GB-CHC' || parsed.value.scheme === 'GB-SC' ? parsed.value.number : null),
          input.companyNumber ?? (parsed.value.scheme === 'GB-COH' ? parsed.value.number : null),
          input.serviceSummary,
          actor.sub,
        ],
      ).catch((error: unknown) => {
        if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
          throw new ContractsException(ContractsErrorCode.CONFLICT, `${input.identifier} is already declared on this contract`, {
            field: 'identifier',
          });
        }
        throw error;
      });
      const view = toView(row!, [], []);
      await this.audit.record(em, actor, { action: 'subcontractor.declared', entityType: 'Subcontractor', entityId: view.id, after: view });
      return view;
    });
  }

  reportFunding(actor: Principal, input: ReportFundingPassedDownInput): Promise<SubcontractorView> {
    const amount = parsePence(input.amount);
    return this.db.run(async (em) => {
      const state = await this.contracts.lockFor(em, actor, input.contractId, 'provider');
      assertQuarterWithin(state, input);
      const sub = await this.subcontractorOf(em, state.contract.id, input.subcontractorId);
      const before = await queryOne<FundingRow>(
        em,
        'SELECT * FROM funding_passed_down WHERE subcontractor_id = $1 AND financial_year = $2 AND quarter = $3',
        [sub.id, input.financialYear, input.quarter],
      );
      await queryRows(
        em,
        `INSERT INTO funding_passed_down (contract_id, subcontractor_id, financial_year, quarter, amount_pence, reported_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (subcontractor_id, financial_year, quarter)
         DO UPDATE SET amount_pence = EXCLUDED.amount_pence, reported_by = EXCLUDED.reported_by, reported_at = now()`,
        [state.contract.id, sub.id, input.financialYear, input.quarter, amount.toString(), actor.sub],
      );
      const totals = await queryRows<{ subcontractor_id: string; tier: number; parent_id: string | null; total: string }>(
        em,
        `SELECT s.id AS subcontractor_id, s.tier, s.parent_id, coalesce(sum(f.amount_pence), 0) AS total
         FROM subcontractor s LEFT JOIN funding_passed_down f ON f.subcontractor_id = s.id
         WHERE s.contract_id = $1 GROUP BY s.id`,
        [state.contract.id],
      );
      // Money reaching tier 2 comes from the prime; tier 3 money comes out of its tier 2's share.
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
      await this.audit.record(em, actor, {
        action: 'subcontractor.fundingReported',
        entityType: 'Subcontractor',
        entityId: sub.id,
        before: before
          ? { financialYear: input.financialYear, quarter: input.quarter, amount: formatPence(penceFromDb(before.amount_pence)) }
          : undefined,
        after: { financialYear: input.financialYear, quarter: input.quarter, amount: formatPence(amount) },
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
        await queryRows(
          em,
          `INSERT INTO subcontractor_contribution (subcontractor_id, measure_id, financial_year, quarter, value, reported_by)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (subcontractor_id, measure_id, financial_year, quarter)
           DO UPDATE SET value = EXCLUDED.value, reported_by = EXCLUDED.reported_by, reported_at = now()`,
          [sub.id, c.measureId.toLowerCase(), input.financialYear, input.quarter, c.value.toFixed(6), actor.sub],
        );
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
          const subs = await queryRows<SubcontractorRow>(
            this.db.reader,
            'SELECT * FROM subcontractor WHERE contract_id = ANY($1) ORDER BY tier, seq',
            [contractIds],
          );
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
    const funding = await queryRows<FundingRow>(
      em,
      'SELECT * FROM funding_passed_down WHERE subcontractor_id = ANY($1) ORDER BY financial_year, quarter',
      [ids],
    );
    const contributions = await queryRows<ContributionRow>(
      em,
      'SELECT * FROM subcontractor_contribution WHERE subcontractor_id = ANY($1) ORDER BY financial_year, quarter',
      [ids],
    );
    return subs.map((s) =>
      toView(
        s,
        funding.filter((f) => f.subcontractor_id === s.id),
        contributions.filter((c) => c.subcontractor_id === s.id),
      ),
    );
  }

  private async subcontractorOf(em: EntityManager, contractId: string, id: string): Promise<SubcontractorRow> {
    const sub = await queryOne<SubcontractorRow>(em, 'SELECT * FROM subcontractor WHERE id = $1 AND contract_id = $2', [id, contractId]);
    if (!sub) throw ContractsException.notFound('Subcontractor');
    return sub;
  }
}

function toView(row: SubcontractorRow, funding: FundingRow[], contributions: ContributionRow[]): SubcontractorView {
  const fundingViews: FundingPassedDownView[] = funding.map((f) => ({
    financialYear: f.financial_year,
    quarter: f.quarter,
    amount: Money.of(penceFromDb(f.amount_pence)),
  }));
  const contributionViews: ContributionView[] = contributions.map((c) => ({
    measureId: c.measure_id,
    financialYear: c.financial_year,
    quarter: c.quarter,
    value: Number(c.value),
  }));
  return {
    id: row.id,
    contractId: row.contract_id,
    tier: row.tier,
    parentId: row.parent_id,
    identifier: row.identifier,
    name: row.name,
    charityNumber: row.charity_number,
    companyNumber: row.company_number,
    serviceSummary: row.service_summary,
    fundingPassedDown: fundingViews,
    totalFundingPassedDown: Money.of(funding.reduce((s, f) => s + penceFromDb(f.amount_pence), 0n)),
    contributions: contributionViews,
  };
}

/** Per-quarter reports only for quarters of the contract: the per-quarter lists stay bounded (see LIST_BOUNDS). */
function assertQuarterWithin(state: { contract: { startDate: string; endDate: string } }, input: { financialYear: string; quarter: number }): void {
  const problem = quarterOutsideContract(input.financialYear, input.quarter, state.contract.startDate, state.contract.endDate);
  if (problem) throw ContractsException.badInput('financialYear', problem);
}

async function assertSubcontractorRoom(em: EntityManager, contractId: string): Promise<void> {
  const declared = await queryOne<{ n: number }>(em, 'SELECT count(*)::int AS n FROM subcontractor WHERE contract_id = $1', [contractId]);
  if ((declared?.n ?? 0) >= MAX_SUBCONTRACTORS_PER_CONTRACT) {
    throw new ContractsException(ContractsErrorCode.INVALID_STATE, `A contract declares at most ${MAX_SUBCONTRACTORS_PER_CONTRACT} subcontractors`);
  }
}
