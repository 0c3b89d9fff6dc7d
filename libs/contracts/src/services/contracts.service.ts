import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { Clock, ConnectionShape, RequestLoaders } from '@mkt/common';
import { hasRole, type Principal, Role, type Scope } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { TransactionRunner } from '@mkt/database';
import { OrganisationsService } from '@mkt/organisations';
import { ServiceCategory } from '@mkt/reference';
import { ContractStatus } from '../contracts.enums';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { ContractsFilter } from '../dtos/contract.inputs';
import { ContractOutcomeMeasureView, ContractVersionView, ContractView } from '../dtos/contract.types';
import { mapContract, mapMeasure, PaymentRow, ReportRow } from '../repositories/contract.rows';
import { ContractPage, ContractRepository, NewContract, NewMeasure } from '../repositories/contract.repository';
import { ContractVersionRepository } from '../repositories/contract-version.repository';
import { PaymentRepository } from '../repositories/payment.repository';
import { PerformanceReportRepository } from '../repositories/performance-report.repository';
import { stoppedOn, stopRefusal } from '../rules/contract-dates';
import { splitValue } from '../rules/contract-terms';
import { buildSchedule, ledgerLine, ScheduleLine } from '../rules/schedule';
import { BudgetPhaseFromOrder, ContractBudgetPhasingService } from './contract-budget-phasing.service';
import { ConflictOfInterestGuard } from './conflict-of-interest.guard';

/** What ordering hands over when a provider accepts an order. */
export interface ContractTermsFromOrder extends Omit<NewContract, 'category' | 'fixedPartPence' | 'outcomePartPence'> {
  category: ServiceCategory;
  /** What the order committed per financial year (`contractPhases` of these terms), in year order. */
  budgetPhases: BudgetPhaseFromOrder[];
  /** Who placed the order, and whether they declared a conflict of interest (issue 13; see ConflictOfInterestGuard). */
  placedBy?: string;
  conflictOfInterestDeclared?: boolean;
  outcomeTargets: NewMeasure[];
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
    private readonly contracts: ContractRepository,
    private readonly versions: ContractVersionRepository,
    private readonly reports: PerformanceReportRepository,
    private readonly payments: PaymentRepository,
    private readonly phasing: ContractBudgetPhasingService,
    private readonly conflicts: ConflictOfInterestGuard,
  ) {}

  async createFromOrder(em: EntityManager, actor: Principal, terms: ContractTermsFromOrder): Promise<ContractView> {
    if (!terms.outcomeTargets.length) throw new Error('a contract needs at least one outcome measure');
    const split = splitValue(terms.valuePence, terms.outcomeSharePercent);
    const { outcomeTargets, budgetPhases, placedBy, conflictOfInterestDeclared, ...contractTerms } = terms;
    const row = await this.contracts.insert(em, { ...contractTerms, fixedPartPence: split.fixedPart, outcomePartPence: split.outcomePart });
    const contract = mapContract(row);
    await this.phasing.keep(em, contract.id, budgetPhases);
    await this.conflicts.record(em, contract.id, placedBy, conflictOfInterestDeclared);
    const measures = (await this.contracts.insertMeasures(em, contract.id, outcomeTargets)).map(mapMeasure);
    await this.insertVersion(em, actor, contract, measures, 'Created from an accepted order');
    await this.audit.record(em, actor, {
      action: 'contract.created',
      entityType: 'Contract',
      entityId: contract.id,
      after: termsSnapshot(contract, measures),
    });
    return contract;
  }

  async get(viewer: Principal, loaders: RequestLoaders, id: string): Promise<ContractView> {
    const row = await this.contracts.findInScope(this.db.reader, id, await this.visibleScopes(viewer, loaders));
    if (!row) throw ContractsException.notFound();
    return mapContract(row);
  }

  async list(viewer: Principal, loaders: RequestLoaders, filter: ContractsFilter, page: ContractPage): Promise<ConnectionShape<ContractView>> {
    return this.contracts.page(this.db.reader, await this.visibleScopes(viewer, loaders), filter, page);
  }

  /**
   * Commissioners see their regions' contracts, providers their own, directorate and auditors all;
   * to anyone else a contract does not exist. (ADMIN is not among those who see all: as for orders.)
   */
  private visibleScopes(viewer: Principal, loaders: RequestLoaders): Promise<Scope[]> {
    return this.organisations.scopeOf(viewer, loaders, [Role.DIRECTORATE, Role.AUDITOR]);
  }

  /**
   * Who may change a contract: a commissioner of its region, or its provider, as the change
   * requires; no role sees all here (a directorate commissioner changes only its regions' contracts).
   */
  async scopesToChange(em: EntityManager, actor: Principal, as: 'commissioner' | 'provider'): Promise<Scope[]> {
    if (as === 'commissioner') return [{ kind: 'REGIONS', regions: hasRole(actor, Role.COMMISSIONER) ? actor.regions : [] }];
    return [{ kind: 'PROVIDER', organisationId: hasRole(actor, Role.PROVIDER) ? await this.organisations.idOf(em, actor.org) : null }];
  }

  /**
   * Locks the contract for a change by a commissioner of its region or by its provider, and reads
   * its state. Anyone else gets NOT_FOUND. The row lock serialises payments, reports' approval and
   * variations of one contract.
   */
  async lockFor(em: EntityManager, actor: Principal, id: string, as: 'commissioner' | 'provider'): Promise<ContractState> {
    const row = await this.contracts.findInScope(em, id, await this.scopesToChange(em, actor, as), true);
    if (!row) throw ContractsException.notFound();
    return this.state(em, mapContract(row));
  }

  async state(em: EntityManager, contract: ContractView): Promise<ContractState> {
    const stopped = contract.status === ContractStatus.SUSPENDED || contract.status === ContractStatus.TERMINATED;
    // One after another: inside a transaction `em` is one connection, and pg deprecates queueing on it.
    const measures = await this.contracts.measuresOf(em, [contract.id]);
    const reports = await this.reports.ofContracts(em, [contract.id]);
    const payments = await this.payments.ofContracts(em, [contract.id]);
    const history = stopped ? await this.versions.statusHistory(em, contract.id) : [];
    return {
      contract,
      measures: measures.map(mapMeasure),
      reports,
      payments,
      schedule: this.scheduleOf(contract, reports, payments),
      stoppedOn: stopped ? stoppedOn(history.map((v) => ({ status: v.status, changedAt: v.changed_at }))) : null,
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
      frozen: contract.frozenPeriods,
      suspensions: contract.suspensions,
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
    await this.versions.insert(em, {
      contractId: contract.id,
      version: contract.version,
      changedBy: actor.sub,
      reason,
      terms: termsSnapshot(contract, measures),
      changedAt: this.clock.now(),
    });
  }

  // ---- per-request loaders for field resolvers (one statement per page, not per contract) ----

  measuresLoader(loaders: RequestLoaders): DataLoader<string, ContractOutcomeMeasureView[]> {
    return this.groupLoader(loaders, 'contracts.measures', (ids) => this.contracts.measuresOf(this.db.reader, ids), mapMeasure);
  }

  reportsLoader(loaders: RequestLoaders): DataLoader<string, ReportRow[]> {
    return this.groupLoader(
      loaders,
      'contracts.reports',
      (ids) => this.reports.ofContracts(this.db.reader, ids),
      (r) => r,
    );
  }

  paymentsLoader(loaders: RequestLoaders): DataLoader<string, PaymentRow[]> {
    return this.groupLoader(
      loaders,
      'contracts.payments',
      (ids) => this.payments.ofContracts(this.db.reader, ids),
      (r) => r,
    );
  }

  versionsLoader(loaders: RequestLoaders): DataLoader<string, ContractVersionView[]> {
    return this.groupLoader(
      loaders,
      'contracts.versions',
      (ids) => this.versions.ofContracts(this.db.reader, ids),
      (r) => ({
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
          const rows = await this.contracts.ofOrders(this.db.reader, orderIds);
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
          const scopes = await this.visibleScopes(viewer, loaders);
          const rows = await this.contracts.recentOfProviders(this.db.reader, providerIds, scopes, limit);
          const grouped = new Map<string, ContractView[]>();
          for (const row of rows) grouped.set(row.provider_id, [...(grouped.get(row.provider_id) ?? []), mapContract(row)]);
          return providerIds.map((id) => grouped.get(id) ?? []);
        }),
    );
  }

  private groupLoader<R extends { contract_id: string }, T>(
    loaders: RequestLoaders,
    key: string,
    fetch: (contractIds: readonly string[]) => Promise<R[]>,
    map: (row: R) => T,
  ): DataLoader<string, T[]> {
    return loaders.get(
      key,
      () =>
        new DataLoader(async (contractIds: readonly string[]) => {
          const rows = await fetch(contractIds);
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
    advancePayment: contract.advancePayment,
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
