import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { Clock, ConnectionShape, Pence, RequestLoaders } from '@mkt/common';
import { hasRole, type Principal, Role, scopeCondition } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { fetchKeysetPage, queryOne, queryRows, SqlFilter, TransactionRunner } from '@mkt/database';
import { OrganisationsService } from '@mkt/organisations';
import { ServiceCategory } from '@mkt/reference';
import { ContractStatus } from '../contracts.enums';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { ContractsFilter } from '../dtos/contract.inputs';
import { ContractOutcomeMeasureView, ContractVersionView, ContractView } from '../dtos/contract.types';
import { stoppedOn, stopRefusal } from '../rules/contract-dates';
import { splitValue } from '../rules/contract-terms';
import { buildSchedule, ledgerLine, ScheduleLine } from '../rules/schedule';
import { ContractRow, mapContract, mapMeasure, MeasureRow, PaymentRow, ReportRow } from './contract.rows';

type Page = { first: number; after?: string; withTotal: boolean };

/** What ordering hands over when a provider accepts an order. */
export interface ContractTermsFromOrder {
  orderId: string;
  providerId: string;
  offerId: string;
  offerVersion: number;
  regionCode: string;
  pduCode: string;
  category: ServiceCategory;
  budgetId: string;
  financialYear: string;
  startDate: string;
  endDate: string;
  valuePence: Pence;
  outcomeSharePercent: number;
  reportingPeriod: 'MONTHLY' | 'QUARTERLY';
  outcomeTargets: {
    measureCode: string;
    measureName: string;
    unit: string;
    direction: string;
    baseline: number;
    target: number;
    weight: number;
  }[];
}

/** A contract with everything its money rules need, read inside one transaction. */
export interface ContractState {
  contract: ContractView;
  measures: ContractOutcomeMeasureView[];
  reports: ReportRow[];
  payments: PaymentRow[];
  schedule: ScheduleLine[];
  /** The day a SUSPENDED or TERMINATED contract stopped being ACTIVE (null otherwise). */
  stoppedOn: string | null;
}

@Injectable()
export class ContractsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly organisations: OrganisationsService,
  ) {}

  async createFromOrder(em: EntityManager, actor: Principal, terms: ContractTermsFromOrder): Promise<ContractView> {
    if (!terms.outcomeTargets.length) throw new Error('a contract needs at least one outcome measure');
    const split = splitValue(terms.valuePence, terms.outcomeSharePercent);
    const row = await queryOne<ContractRow>(
      em,
      `INSERT INTO contract (order_id, provider_id, offer_id, offer_version, region_code, pdu_code, category, budget_id,
         financial_year, start_date, end_date, status, value_pence, outcome_share_percent, fixed_part_pence,
         outcome_part_pence, reporting_period)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'ACTIVE', $12, $13, $14, $15, $16) RETURNING *`,
      [
        terms.orderId,
        terms.providerId,
        terms.offerId,
        terms.offerVersion,
        terms.regionCode,
        terms.pduCode,
        terms.category,
        terms.budgetId,
        terms.financialYear,
        terms.startDate,
        terms.endDate,
        terms.valuePence.toString(),
        terms.outcomeSharePercent,
        split.fixedPart.toString(),
        split.outcomePart.toString(),
        terms.reportingPeriod,
      ],
    );
    const contract = mapContract(row!);
    const measures = await queryRows<MeasureRow>(
      em,
      `INSERT INTO contract_outcome_measure (contract_id, position, measure_code, name, unit, direction, baseline, target, weight)
       SELECT $1, ord, code, name, unit, direction, baseline, target, weight
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::int[])
         WITH ORDINALITY AS t(code, name, unit, direction, baseline, target, weight, ord)
       RETURNING *`,
      [
        contract.id,
        terms.outcomeTargets.map((t) => t.measureCode),
        terms.outcomeTargets.map((t) => t.measureName),
        terms.outcomeTargets.map((t) => t.unit),
        terms.outcomeTargets.map((t) => t.direction),
        terms.outcomeTargets.map((t) => t.baseline.toFixed(6)),
        terms.outcomeTargets.map((t) => t.target.toFixed(6)),
        terms.outcomeTargets.map((t) => t.weight),
      ],
    );
    await this.insertVersion(em, actor, contract, measures.map(mapMeasure), 'Created from an accepted order');
    await this.audit.record(em, actor, {
      action: 'contract.created',
      entityType: 'Contract',
      entityId: contract.id,
      after: termsSnapshot(contract, measures.map(mapMeasure)),
    });
    return contract;
  }

  async get(viewer: Principal, loaders: RequestLoaders, id: string): Promise<ContractView> {
    const f = new SqlFilter().add('c.id = ?', id);
    await this.visibility(viewer, loaders, f);
    const row = await queryOne<ContractRow>(this.db.reader, `SELECT c.* FROM contract c WHERE ${f.where.join(' AND ')}`, f.params);
    if (!row) throw ContractsException.notFound();
    return mapContract(row);
  }

  async list(viewer: Principal, loaders: RequestLoaders, filter: ContractsFilter, page: Page): Promise<ConnectionShape<ContractView>> {
    const f = new SqlFilter();
    await this.visibility(viewer, loaders, f);
    f.addIf(filter.statuses, 'c.status = ANY(?)')
      .addIf(filter.regionCodes, 'c.region_code = ANY(?)')
      .addIf(filter.providerIds, 'c.provider_id = ANY(?::uuid[])')
      .addIf(filter.financialYears, 'c.financial_year = ANY(?)');
    return fetchKeysetPage<ContractRow, ContractView>(
      this.db.reader,
      { select: 'c.*', from: 'contract c', seqColumn: 'c.seq', where: f.where, params: f.params, ...page },
      mapContract,
    );
  }

  /**
   * Commissioners see their regions' contracts, providers their own, directorate and auditors all;
   * to anyone else a contract does not exist.
   */
  async visibility(viewer: Principal, loaders: RequestLoaders, f: SqlFilter): Promise<void> {
    const scopes = await this.organisations.scopeOf(viewer, loaders, [Role.DIRECTORATE, Role.AUDITOR]);
    const condition = scopeCondition(scopes, f, { region: 'c.region_code', provider: 'c.provider_id' });
    if (condition) f.where.push(condition);
  }

  /**
   * Locks the contract for a change by a commissioner of its region or by its provider, and reads
   * its state. Anyone else gets NOT_FOUND. The row lock serialises payments, reports' approval and
   * variations of one contract.
   */
  async lockFor(em: EntityManager, actor: Principal, id: string, as: 'commissioner' | 'provider'): Promise<ContractState> {
    const f = new SqlFilter().add('c.id = ?', id);
    if (as === 'commissioner') f.add('c.region_code = ANY(?)', hasRole(actor, Role.COMMISSIONER) ? actor.regions : []);
    else f.add('c.provider_id = ?::uuid', hasRole(actor, Role.PROVIDER) ? await this.organisations.idOf(em, actor.org) : null);
    const row = await queryOne<ContractRow>(em, `SELECT c.* FROM contract c WHERE ${f.where.join(' AND ')} FOR UPDATE`, f.params);
    if (!row) throw ContractsException.notFound();
    return this.state(em, mapContract(row));
  }

  async state(em: EntityManager, contract: ContractView): Promise<ContractState> {
    const stopped = contract.status === ContractStatus.SUSPENDED || contract.status === ContractStatus.TERMINATED;
    // One after another: inside a transaction `em` is one connection, and pg deprecates queueing on it.
    const measures = await queryRows<MeasureRow>(em, 'SELECT * FROM contract_outcome_measure WHERE contract_id = $1 ORDER BY position', [
      contract.id,
    ]);
    const reports = await queryRows<ReportRow>(em, 'SELECT * FROM performance_report WHERE contract_id = $1 ORDER BY period', [contract.id]);
    const payments = await queryRows<PaymentRow>(em, 'SELECT * FROM payment WHERE contract_id = $1 ORDER BY seq', [contract.id]);
    const versions = stopped
      ? await queryRows<{ status: ContractStatus; changed_at: Date }>(
          em,
          `SELECT terms ->> 'status' AS status, changed_at FROM contract_version WHERE contract_id = $1 ORDER BY version`,
          [contract.id],
        )
      : [];
    return {
      contract,
      measures: measures.map(mapMeasure),
      reports,
      payments,
      schedule: this.scheduleOf(contract, reports, payments),
      stoppedOn: stopped ? stoppedOn(versions.map((v) => ({ status: v.status, changedAt: v.changed_at }))) : null,
    };
  }

  /** Refuses a payment or approval for a period that began after the contract stopped (rules/contract-dates). */
  assertPeriodBeforeStop(state: ContractState, period: ScheduleLine, action: 'payment' | 'approval'): void {
    const refusal = stopRefusal({ status: state.contract.status, stoppedOn: state.stoppedOn }, period, action);
    if (refusal) {
      throw new ContractsException(ContractsErrorCode.INVALID_STATE, refusal, { status: state.contract.status, since: state.stoppedOn });
    }
  }

  scheduleOf(contract: ContractView, reports: ReportRow[], payments: PaymentRow[]): ScheduleLine[] {
    return buildSchedule({
      startDate: contract.startDate,
      endDate: contract.endDate,
      reportingPeriod: contract.reportingPeriod as 'MONTHLY' | 'QUARTERLY',
      split: { fixedPart: contract.fixedPartPence, outcomePart: contract.outcomePartPence },
      payments: payments.map(ledgerLine),
      reports: reports.map((r) => ({
        period: r.period,
        status: r.status,
        earnedPence: r.outcome_earned_pence === null ? null : BigInt(r.outcome_earned_pence),
      })),
    });
  }

  /** Keeps the terms of a new version (creation or variation), stamped with the app's clock. */
  async insertVersion(
    em: EntityManager,
    actor: Principal,
    contract: ContractView,
    measures: ContractOutcomeMeasureView[],
    reason: string,
  ): Promise<void> {
    // changed_at from the app's clock: the day a status changed decides which periods stay payable.
    await queryRows(
      em,
      `INSERT INTO contract_version (contract_id, version, changed_by, reason, terms, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [contract.id, contract.version, actor.sub, reason, JSON.stringify(termsSnapshot(contract, measures)), this.clock.now()],
    );
  }

  // ---- per-request loaders for field resolvers (one statement per page, not per contract) ----

  measuresLoader(loaders: RequestLoaders): DataLoader<string, ContractOutcomeMeasureView[]> {
    return this.groupLoader(
      loaders,
      'contracts.measures',
      'SELECT * FROM contract_outcome_measure WHERE contract_id = ANY($1) ORDER BY position',
      (r: MeasureRow) => mapMeasure(r),
    );
  }

  reportsLoader(loaders: RequestLoaders): DataLoader<string, ReportRow[]> {
    return this.groupLoader(
      loaders,
      'contracts.reports',
      'SELECT * FROM performance_report WHERE contract_id = ANY($1) ORDER BY period',
      (r: ReportRow) => r,
    );
  }

  paymentsLoader(loaders: RequestLoaders): DataLoader<string, PaymentRow[]> {
    return this.groupLoader(loaders, 'contracts.payments', 'SELECT * FROM payment WHERE contract_id = ANY($1) ORDER BY seq', (r: PaymentRow) => r);
  }

  versionsLoader(loaders: RequestLoaders): DataLoader<string, ContractVersionView[]> {
    return this.groupLoader(
      loaders,
      'contracts.versions',
      'SELECT * FROM contract_version WHERE contract_id = ANY($1) ORDER BY version',
      (r: { contract_id: string; version: number; changed_at: Date; changed_by: string; reason: string; terms: unknown }) => ({
        id: `${r.contract_id}:${r.version}`,
        version: r.version,
        changedAt: r.changed_at,
        changedBy: r.changed_by,
        reason: r.reason,
        terms: r.terms,
      }),
    );
  }

  /** `order { contract { id } }`: the contract an order became, if any. */
  byOrderLoader(loaders: RequestLoaders): DataLoader<string, ContractView | null> {
    return loaders.get(
      'contracts.byOrder',
      () =>
        new DataLoader(async (orderIds: readonly string[]) => {
          const rows = await queryRows<ContractRow>(this.db.reader, 'SELECT * FROM contract WHERE order_id = ANY($1)', [orderIds]);
          const byOrder = new Map(rows.map((r) => [r.order_id, mapContract(r)]));
          return orderIds.map((id) => byOrder.get(id) ?? null);
        }),
    );
  }

  /** A provider's most recent contracts that the viewer may see, for a page of providers at once. */
  recentForProvidersLoader(loaders: RequestLoaders, viewer: Principal, limit: number): DataLoader<string, ContractView[]> {
    return loaders.get(
      `contracts.recentByProvider.${limit}`,
      () =>
        new DataLoader(async (providerIds: readonly string[]) => {
          const f = new SqlFilter().add('c.provider_id = ANY(?::uuid[])', providerIds);
          await this.visibility(viewer, loaders, f);
          const rows = await queryRows<ContractRow & { rn: string }>(
            this.db.reader,
            `SELECT * FROM (
               SELECT c.*, row_number() OVER (PARTITION BY c.provider_id ORDER BY c.seq DESC) AS rn
               FROM contract c WHERE ${f.where.join(' AND ')}
             ) ranked WHERE rn <= ${Math.floor(limit)} ORDER BY provider_id, seq DESC`,
            f.params,
          );
          const grouped = new Map<string, ContractView[]>();
          for (const row of rows) grouped.set(row.provider_id, [...(grouped.get(row.provider_id) ?? []), mapContract(row)]);
          return providerIds.map((id) => grouped.get(id) ?? []);
        }),
    );
  }

  private groupLoader<R extends { contract_id: string }, T>(
    loaders: RequestLoaders,
    key: string,
    sql: string,
    map: (row: R) => T,
  ): DataLoader<string, T[]> {
    return loaders.get(
      key,
      () =>
        new DataLoader(async (contractIds: readonly string[]) => {
          const rows = await queryRows<R>(this.db.reader, sql, [contractIds]);
          const grouped = new Map<string, T[]>();
          for (const row of rows) grouped.set(row.contract_id, [...(grouped.get(row.contract_id) ?? []), map(row)]);
          return contractIds.map((id) => grouped.get(id) ?? []);
        }),
    );
  }
}

/** The terms of one version, as kept in `contract_version` and the audit trail. */
export function termsSnapshot(contract: ContractView, measures: ContractOutcomeMeasureView[]) {
  return {
    version: contract.version,
    status: contract.status,
    startDate: contract.startDate,
    endDate: contract.endDate,
    value: contract.value.amount,
    fixedPart: contract.fixedPart.amount,
    outcomePart: contract.outcomePart.amount,
    outcomeSharePercent: contract.outcomeSharePercent,
    reportingPeriod: contract.reportingPeriod,
    outcomeMeasures: measures.map((m) => ({
      id: m.id,
      code: m.code,
      baseline: m.baseline,
      target: m.target,
      weight: m.weight,
      direction: m.direction,
    })),
  };
}
