import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, ConnectionShape, Pence } from '@mkt/common';
import { type Scope, scopeCondition } from '@mkt/auth';
import { fetchKeysetPage, queryOne, queryRows, SqlFilter } from '@mkt/database';
import { ContractStatus } from '../contracts.enums';
import { ContractsFilter } from '../dtos/contract.inputs';
import { ContractView } from '../dtos/contract.types';
import { type FrozenPeriod } from '../rules/contract-terms';
import { type Suspension } from '../rules/suspension';
import { ContractRow, mapContract, MeasureRow } from './contract.rows';

export type ContractPage = { first: number; after?: string; withTotal: boolean };

/** The columns of `contract c` that its tenancy is read from: the one place scopes become SQL for contracts. */
const CONTRACT_SCOPE = { region: 'c.region_code', provider: 'c.provider_id' } as const;

/** A new contract's row, as ordering's accepted terms (ContractTermsFromOrder) and the value split give it. */
export interface NewContract {
  orderId: string;
  providerId: string;
  offerId: string;
  offerVersion: number;
  regionCode: string;
  pduCode: string;
  category: string;
  budgetId: string;
  financialYear: string;
  startDate: string;
  endDate: string;
  valuePence: Pence;
  outcomeSharePercent: number;
  fixedPartPence: Pence;
  outcomePartPence: Pence;
  reportingPeriod: 'MONTHLY' | 'QUARTERLY';
  /** An agreed advance payment schedule (fixed instalments from the period's first day). */
  advancePayment: boolean;
}

/** An outcome measure a new contract is written with: one of the order's outcome targets. */
export interface NewMeasure {
  measureCode: string;
  measureName: string;
  unit: string;
  direction: string;
  baseline: number;
  target: number;
  weight: number;
}

/** The terms a variation changes. */
export interface VariedTerms {
  status: ContractStatus;
  endDate: string;
  valuePence: Pence;
  fixedPartPence: Pence;
  outcomePartPence: Pence;
  frozenPeriods: FrozenPeriod[];
  suspensions: Suspension[];
}

/** SQL for the contract aggregate: `contract` and its `contract_outcome_measure` rows. */
@Injectable()
export class ContractRepository {
  /** Created and updated stamps take the app's clock (one clock for every timestamp). */
  constructor(private readonly clock: Clock) {}

  async insert(em: EntityManager, c: NewContract): Promise<ContractRow> {
    const row = await queryOne<ContractRow>(
      em,
      `INSERT INTO contract (order_id, provider_id, offer_id, offer_version, region_code, pdu_code, category, budget_id,
         financial_year, start_date, end_date, status, value_pence, outcome_share_percent, fixed_part_pence,
         outcome_part_pence, reporting_period, advance_payment, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'ACTIVE', $12, $13, $14, $15, $16, $17, $18, $18) RETURNING *`,
      [
        c.orderId,
        c.providerId,
        c.offerId,
        c.offerVersion,
        c.regionCode,
        c.pduCode,
        c.category,
        c.budgetId,
        c.financialYear,
        c.startDate,
        c.endDate,
        c.valuePence.toString(),
        c.outcomeSharePercent,
        c.fixedPartPence.toString(),
        c.outcomePartPence.toString(),
        c.reportingPeriod,
        c.advancePayment,
        this.clock.now(),
      ],
    );
    return row!;
  }

  insertMeasures(em: EntityManager, contractId: string, measures: NewMeasure[]): Promise<MeasureRow[]> {
    return queryRows<MeasureRow>(
      em,
      `INSERT INTO contract_outcome_measure (contract_id, position, measure_code, name, unit, direction, baseline, target, weight)
       SELECT $1, ord, code, name, unit, direction, baseline, target, weight
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::int[])
         WITH ORDINALITY AS t(code, name, unit, direction, baseline, target, weight, ord)
       RETURNING *`,
      [
        contractId,
        measures.map((t) => t.measureCode),
        measures.map((t) => t.measureName),
        measures.map((t) => t.unit),
        measures.map((t) => t.direction),
        measures.map((t) => t.baseline.toFixed(6)),
        measures.map((t) => t.target.toFixed(6)),
        measures.map((t) => t.weight),
      ],
    );
  }

  /** One contract within the scopes; `lock` takes its row lock for a change. */
  findInScope(em: EntityManager, id: string, scopes: readonly Scope[], lock = false): Promise<ContractRow | undefined> {
    const f = scoped(scopes).add('c.id = ?', id);
    return queryOne<ContractRow>(em, `SELECT c.* FROM contract c WHERE ${f.where.join(' AND ')}${lock ? ' FOR UPDATE' : ''}`, f.params);
  }

  page(em: EntityManager, scopes: readonly Scope[], filter: ContractsFilter, page: ContractPage): Promise<ConnectionShape<ContractView>> {
    const f = scoped(scopes)
      .addIf(filter.statuses, 'c.status = ANY(?)')
      .addIf(filter.regionCodes, 'c.region_code = ANY(?)')
      .addIf(filter.providerIds, 'c.provider_id = ANY(?::uuid[])')
      .addIf(filter.financialYears, 'c.financial_year = ANY(?)');
    return fetchKeysetPage<ContractRow, ContractView>(
      em,
      { select: 'c.*', from: 'contract c', seqColumn: 'c.seq', where: f.where, params: f.params, ...page },
      mapContract,
    );
  }

  /** Up to `limit` newest contracts of each provider, within the scopes. */
  recentOfProviders(em: EntityManager, providerIds: readonly string[], scopes: readonly Scope[], limit: number): Promise<ContractRow[]> {
    const f = scoped(scopes).add('c.provider_id = ANY(?::uuid[])', providerIds);
    return queryRows<ContractRow>(
      em,
      `SELECT * FROM (
         SELECT c.*, row_number() OVER (PARTITION BY c.provider_id ORDER BY c.seq DESC) AS rn
         FROM contract c WHERE ${f.where.join(' AND ')}
       ) ranked WHERE rn <= ${Math.floor(limit)} ORDER BY provider_id, seq DESC`,
      f.params,
    );
  }

  ofOrders(em: EntityManager, orderIds: readonly string[]): Promise<ContractRow[]> {
    return queryRows<ContractRow>(em, 'SELECT * FROM contract WHERE order_id = ANY($1)', [orderIds]);
  }

  /** Optimistic lock: the next version, only if the contract is in scope and still at `expectedVersion`. */
  bumpVersion(em: EntityManager, id: string, expectedVersion: number, scopes: readonly Scope[]): Promise<ContractRow | undefined> {
    const f = scoped(scopes).add('c.id = ?', id).add('c.version = ?', expectedVersion);
    return queryOne<ContractRow>(
      em,
      `UPDATE contract c SET version = version + 1, updated_at = $${f.params.length + 1} WHERE ${f.where.join(' AND ')} RETURNING *`,
      [...f.params, this.clock.now()],
    );
  }

  async updateTerms(em: EntityManager, id: string, terms: VariedTerms): Promise<ContractRow> {
    const row = await queryOne<ContractRow>(
      em,
      `UPDATE contract SET status = $2, end_date = $3, value_pence = $4, fixed_part_pence = $5, outcome_part_pence = $6, frozen_periods = $7,
           suspensions = $8
       WHERE id = $1 RETURNING *`,
      [
        id,
        terms.status,
        terms.endDate,
        terms.valuePence.toString(),
        terms.fixedPartPence.toString(),
        terms.outcomePartPence.toString(),
        JSON.stringify(terms.frozenPeriods.map((f) => ({ period: f.period, fixed: f.fixed.toString(), outcome: f.outcome.toString() }))),
        JSON.stringify(terms.suspensions),
      ],
    );
    return row!;
  }

  measuresOf(em: EntityManager, contractIds: readonly string[]): Promise<MeasureRow[]> {
    return queryRows<MeasureRow>(em, 'SELECT * FROM contract_outcome_measure WHERE contract_id = ANY($1) ORDER BY position', [contractIds]);
  }

  async updateMeasure(em: EntityManager, id: string, targetText: string, weight: number): Promise<void> {
    await queryRows(em, 'UPDATE contract_outcome_measure SET target = $2, weight = $3 WHERE id = $1', [id, targetText, weight]);
  }
}

/** A filter holding the scopes' condition (none when a scope sees all). */
function scoped(scopes: readonly Scope[]): SqlFilter {
  const f = new SqlFilter();
  const condition = scopeCondition(scopes, f, CONTRACT_SCOPE);
  if (condition) f.where.push(condition);
  return f;
}
