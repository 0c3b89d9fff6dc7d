import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { addDays, Clock, ConnectionShape, contractPeriodProblem, financialYearOf, parsePence, RequestLoaders } from '@mkt/common';
import { commissionerRegions, hasRole, type Principal, Role } from '@mkt/auth';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { AuditService } from '@mkt/audit';
import { fetchKeysetPage, queryOne, queryRows, SqlFilter, TransactionRunner } from '@mkt/database';
import { BudgetsService } from '@mkt/budgets';
import { OfferStatus, ServiceOffersService } from '@mkt/catalogue';
import { ContractsService } from '@mkt/contracts';
import { OrganisationsService } from '@mkt/organisations';
import { ReferenceService } from '@mkt/reference';
import { OrdersFilter, PlaceOrderInput } from '../dtos/order.inputs';
import { OrderView, OutcomeTargetView } from '../dtos/order.types';
import { AwardRationale, OrderStatus, ReportingPeriod } from '../ordering.enums';
import { OrderingErrorCode, OrderingException } from '../ordering.exception';
import { canTransition } from '../rules/order-state';
import { equalWeights, firstOverCapacityMonth, monthlyLoad, orderTotal } from '../rules/order-terms';
import { mapOrder, ORDER_COLUMNS, OrderRow } from './order.row';

type Page = { first: number; after?: string; withTotal: boolean };

/** What an order action ended in; an expiry found on the way is committed before the error. */
type Outcome = { order: OrderView } | { expired: true };

@Injectable()
export class OrdersService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly budgets: BudgetsService,
    private readonly offers: ServiceOffersService,
    private readonly organisations: OrganisationsService,
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    budgets.registerSweeper((em, budgetId) => this.expireDue(em, budgetId).then(() => undefined));
  }

  /**
   * Places an order in one transaction: the order row, its audit event, then the reservation on
   * the budget as the last statement (so the budget row is locked as briefly as possible). A retry
   * with the same idempotency key and input returns the first order and reserves nothing again.
   */
  async place(actor: Principal, input: PlaceOrderInput): Promise<OrderView> {
    const pdu = this.reference.pdu(input.pduCode);
    if (!pdu) throw OrderingException.badInput('pduCode', `unknown PDU ${input.pduCode}`);
    if (!actor.regions.includes(pdu.regionCode)) {
      throw new OrderingException(
        OrderingErrorCode.FORBIDDEN,
        `You do not commission for ${pdu.regionCode}, the region of PDU ${input.pduCode}`,
      );
    }
    const periodProblem = contractPeriodProblem(input.startDate, input.endDate);
    if (periodProblem) throw OrderingException.badInput('endDate', periodProblem);
    const normalised = {
      offerId: input.offerId.toLowerCase(),
      pduCode: input.pduCode,
      quantity: input.quantity,
      startDate: input.startDate,
      endDate: input.endDate,
      outcomeTargets: input.outcomeTargets ?? null,
      outcomeSharePercent: input.outcomeSharePercent ?? 20,
      reportingPeriod: input.reportingPeriod ?? ReportingPeriod.QUARTERLY,
      awardRationale: input.awardRationale ?? AwardRationale.LIGHT_TOUCH_DIRECT_AWARD,
      conflictOfInterestDeclared: input.conflictOfInterestDeclared ?? false,
      note: input.note ?? null,
    };
    const requestHash = createHash('sha256').update(JSON.stringify(normalised)).digest('hex');

    return this.db.run(async (em) => {
        const existing = await this.findByKey(em, actor.sub, input.idempotencyKey);
        if (existing) return this.replay(existing, requestHash);

        const offer = await this.offers.current(em, normalised.offerId);
        if (!offer || offer.status !== OfferStatus.PUBLISHED) {
          throw new OrderingException(OrderingErrorCode.OFFER_NOT_AVAILABLE, 'The offer is not published', { field: 'offerId' });
        }
        if (!offer.regionCodes.includes(pdu.regionCode) || !offer.pduCodes.includes(pdu.code)) {
          throw new OrderingException(OrderingErrorCode.OFFER_NOT_AVAILABLE, `The offer does not cover PDU ${pdu.code}`, {
            field: 'pduCode',
          });
        }
        const targets = await this.outcomeTargets(em, normalised.outcomeTargets, offer.outcomeCommitments);
        const unitPrice = parsePence(offer.unitPrice.amount);
        const total = orderTotal(offer.pricingUnit, unitPrice, normalised.quantity);
        const financialYear = financialYearOf(normalised.startDate);
        const budget = await this.budgets.potFor(em, pdu.regionCode, financialYear, offer.category);
        if (!budget) {
          throw new OrderingException(
            OrderingErrorCode.BUDGET_EXCEEDED,
            `No budget is set for ${pdu.regionCode} in ${financialYear}`,
            { financialYear, regionCode: pdu.regionCode },
          );
        }
        const needsApproval = total > this.config.ordering.approvalThresholdPence;
        const now = this.clock.now();
        const row = await queryOne<OrderRow>(
          em,
          `INSERT INTO service_order (status, offer_id, offer_version, provider_id, region_code, pdu_code, category, budget_id,
             financial_year, quantity, unit_price_pence, total_pence, start_date, end_date, outcome_targets,
             outcome_share_percent, reporting_period, award_rationale, conflict_of_interest_declared, note, placed_by,
             idempotency_key, request_hash, sent_at, response_due_at, placed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
             $24, $25, $26)
           ON CONFLICT (placed_by, idempotency_key) DO NOTHING
           RETURNING *`,
          [
            needsApproval ? OrderStatus.PENDING_APPROVAL : OrderStatus.SUBMITTED,
            offer.id,
            offer.version,
            offer.providerId,
            pdu.regionCode,
            pdu.code,
            offer.category,
            budget.id,
            financialYear,
            normalised.quantity,
            unitPrice.toString(),
            total.toString(),
            normalised.startDate,
            normalised.endDate,
            JSON.stringify(targets),
            normalised.outcomeSharePercent,
            normalised.reportingPeriod,
            normalised.awardRationale,
            normalised.conflictOfInterestDeclared,
            normalised.note,
            actor.sub,
            input.idempotencyKey.toLowerCase(),
            requestHash,
            needsApproval ? null : now,
            needsApproval ? null : this.responseDue(now),
            now,
          ],
        );
        // A concurrent request with the same key won the insert: answer as a retry of it.
        if (!row) return this.replay((await this.findByKey(em, actor.sub, input.idempotencyKey))!, requestHash);

        const order = mapOrder(row);
        await this.audit.record(em, actor, { action: 'order.placed', entityType: 'Order', entityId: order.id, after: auditView(order) });
        let reserved = await this.budgets.reserve(em, budget.id, total);
        if (!reserved) {
          // A stale reservation (an order past its answer date) never blocks a new order.
          if ((await this.expireDue(em, budget.id)) > 0) reserved = await this.budgets.reserve(em, budget.id, total);
        }
        if (!reserved) {
          throw new OrderingException(
            OrderingErrorCode.BUDGET_EXCEEDED,
            `Not enough budget left in ${pdu.regionCode} ${financialYear}${budget.category ? ` (${budget.category})` : ''}: ` +
              `${order.total.amount} needed`,
            { budgetId: budget.id, needed: order.total.amount },
          );
        }
        return order;
      });
  }

  approve(actor: Principal, id: string): Promise<OrderView> {
    return this.transition(id, 'approved', async (em, row) => {
      this.assertCommissionerOf(actor, row);
      if (row.placed_by === actor.sub) {
        throw new OrderingException(OrderingErrorCode.FORBIDDEN, 'Another commissioner must approve an order you placed');
      }
      this.assertCan(row, OrderStatus.SUBMITTED, 'approved');
      const now = this.clock.now();
      return this.update(em, actor, row, 'order.approved', {
        status: OrderStatus.SUBMITTED,
        approved_by: actor.sub,
        approved_at: now,
        sent_at: now,
        response_due_at: this.responseDue(now),
      });
    });
  }

  reject(actor: Principal, id: string, reason: string): Promise<OrderView> {
    return this.transition(id, 'rejected', async (em, row) => {
      this.assertCommissionerOf(actor, row);
      this.assertCan(row, OrderStatus.REJECTED, 'rejected');
      await this.budgets.release(em, row.budget_id, BigInt(row.total_pence));
      return this.update(em, actor, row, 'order.rejected', { status: OrderStatus.REJECTED, reason, answered_by: actor.sub, answered_at: this.clock.now() });
    });
  }

  withdraw(actor: Principal, id: string, reason: string): Promise<OrderView> {
    return this.transition(id, 'withdrawn', async (em, row) => {
      this.assertCommissionerOf(actor, row);
      this.assertCan(row, OrderStatus.WITHDRAWN, 'withdrawn');
      await this.budgets.release(em, row.budget_id, BigInt(row.total_pence));
      return this.update(em, actor, row, 'order.withdrawn', { status: OrderStatus.WITHDRAWN, reason, answered_by: actor.sub, answered_at: this.clock.now() });
    });
  }

  decline(actor: Principal, id: string, reason: string): Promise<OrderView> {
    return this.transition(id, 'declined', async (em, row) => {
      await this.assertProviderOf(em, actor, row);
      this.assertCan(row, OrderStatus.DECLINED, 'declined');
      await this.budgets.release(em, row.budget_id, BigInt(row.total_pence));
      return this.update(em, actor, row, 'order.declined', { status: OrderStatus.DECLINED, reason, answered_by: actor.sub, answered_at: this.clock.now() });
    });
  }

  /**
   * The provider accepts: capacity is checked under a lock on the offer (so two acceptances cannot
   * both squeeze into the last places), the reservation becomes a commitment and the contract is
   * created, all in one transaction.
   */
  accept(actor: Principal, id: string): Promise<OrderView> {
    return this.transition(id, 'accepted', async (em, row) => {
      await this.assertProviderOf(em, actor, row);
      this.assertCan(row, OrderStatus.ACCEPTED, 'accepted');
      await queryRows(em, 'SELECT id FROM service_offer WHERE id = $1 FOR UPDATE', [row.offer_id]);
      const version = await this.offers.version(em, row.offer_id, row.offer_version);
      if (!version) throw new Error(`order ${row.id} pins a missing offer version`);
      const others = await queryRows<{ quantity: number; start_date: string; end_date: string }>(
        em,
        `SELECT quantity, start_date, end_date FROM service_order
         WHERE offer_id = $1 AND status = 'ACCEPTED' AND start_date <= $3 AND end_date >= $2`,
        [row.offer_id, row.start_date, row.end_date],
      );
      const over = firstOverCapacityMonth(
        version.capacityPerMonth,
        monthlyLoad(row.quantity, row.start_date, row.end_date),
        others.map((o) => monthlyLoad(o.quantity, o.start_date, o.end_date)),
      );
      if (over) {
        throw new OrderingException(
          OrderingErrorCode.CAPACITY_EXCEEDED,
          `Accepting would need ${over.load} places in ${over.month}; the offer's capacity is ${version.capacityPerMonth} a month`,
          over,
        );
      }
      await this.budgets.commitReserved(em, row.budget_id, BigInt(row.total_pence));
      const order = await this.update(em, actor, row, 'order.accepted', {
        status: OrderStatus.ACCEPTED,
        answered_by: actor.sub,
        answered_at: this.clock.now(),
      });
      await this.contracts.createFromOrder(em, actor, {
        orderId: order.id,
        providerId: order.providerId,
        offerId: order.offerId,
        offerVersion: order.offerVersion,
        regionCode: order.regionCode,
        pduCode: order.pduCode,
        category: order.category,
        budgetId: order.budgetId,
        financialYear: order.financialYear,
        startDate: order.startDate,
        endDate: order.endDate,
        valuePence: order.totalPence,
        outcomeSharePercent: order.outcomeSharePercent,
        reportingPeriod: order.reportingPeriod,
        outcomeTargets: order.outcomeTargets,
      });
      return order;
    });
  }

  async get(viewer: Principal, id: string): Promise<OrderView> {
    await this.expireDueThrottled();
    const f = new SqlFilter().add('o.id = ?', id);
    await this.visibility(viewer, f);
    const row = await queryOne<OrderRow>(this.db.reader, `SELECT ${ORDER_COLUMNS} FROM service_order o WHERE ${f.where.join(' AND ')}`, f.params);
    if (!row) throw OrderingException.notFound();
    return mapOrder(row);
  }

  async list(viewer: Principal, filter: OrdersFilter, page: Page): Promise<ConnectionShape<OrderView>> {
    await this.expireDueThrottled();
    const f = new SqlFilter();
    await this.visibility(viewer, f);
    f.addIf(filter.statuses, 'o.status = ANY(?)')
      .addIf(filter.regionCodes, 'o.region_code = ANY(?)')
      .addIf(filter.providerIds, 'o.provider_id = ANY(?::uuid[])')
      .addIf(filter.offerIds, 'o.offer_id = ANY(?::uuid[])')
      .addIf(filter.placedFrom, 'o.placed_at >= ?::date')
      .addIf(filter.placedTo, `o.placed_at < ?::date + 1`);
    return fetchKeysetPage<OrderRow, OrderView>(
      this.db.reader,
      { select: ORDER_COLUMNS, from: 'service_order o', seqColumn: 'o.seq', where: f.where, params: f.params, ...page },
      mapOrder,
    );
  }

  /** The order behind a contract, for `contract { order { ... } }` (the contract was already visible). */
  loaderById(loaders: RequestLoaders): DataLoader<string, OrderView | null> {
    return loaders.get(
      'ordering.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await queryRows<OrderRow>(this.db.reader, `SELECT ${ORDER_COLUMNS} FROM service_order o WHERE o.id = ANY($1)`, [ids]);
          const byId = new Map(rows.map((r) => [r.id, mapOrder(r)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  /**
   * Expires orders past their answer date and releases their reservations: for one budget inside
   * a caller's transaction, or everywhere (the periodic sweep). Safe to run on several replicas at
   * once: each order is expired by whichever UPDATE reaches it first.
   */
  async expireDue(em: EntityManager, budgetId?: string): Promise<number> {
    const expired = await queryRows<OrderRow>(
      em,
      `UPDATE service_order o SET status = 'EXPIRED', answered_at = $1, updated_at = now()
       WHERE status = 'SUBMITTED' AND response_due_at < $1 ${budgetId ? 'AND budget_id = $2' : ''}
       RETURNING ${ORDER_COLUMNS}`,
      budgetId ? [this.clock.now(), budgetId] : [this.clock.now()],
    );
    for (const row of expired) {
      await this.budgets.release(em, row.budget_id, BigInt(row.total_pence));
      await this.audit.record(em, { sub: 'system:order-expiry', roles: [], regions: [] }, {
        action: 'order.expired',
        entityType: 'Order',
        entityId: row.id,
        after: auditView(mapOrder(row)),
      });
    }
    return expired.length;
  }

  async sweepExpired(): Promise<number> {
    return this.db.run((em) => this.expireDue(em));
  }

  private lastSweep = 0;

  /** Reads show current states: at most one sweep a second per process (any replica may do it). */
  private async expireDueThrottled(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < 1_000) return;
    this.lastSweep = now;
    await this.sweepExpired();
  }

  private responseDue(from: Date): Date {
    return addDays(from, this.config.ordering.responseDays);
  }

  private replay(existing: OrderRow, requestHash: string): OrderView {
    if (existing.request_hash !== requestHash) {
      throw new OrderingException(
        OrderingErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This idempotency key was used for a different order; use a new key for a new order',
        { field: 'idempotencyKey', orderId: existing.id },
      );
    }
    return mapOrder(existing);
  }

  private findByKey(em: EntityManager, placedBy: string, key: string): Promise<OrderRow | undefined> {
    return queryOne<OrderRow>(em, `SELECT ${ORDER_COLUMNS} FROM service_order o WHERE placed_by = $1 AND idempotency_key = $2`, [
      placedBy,
      key.toLowerCase(),
    ]);
  }

  /** Given targets (validated) or the offer's commitments at their expected rates, baseline 0, equal weights. */
  private async outcomeTargets(
    em: EntityManager,
    given: PlaceOrderInput['outcomeTargets'] | null,
    commitments: { measureCode: string; measureName: string; unit: string; direction: OutcomeTargetView['direction']; expectedRate: number }[],
  ): Promise<OutcomeTargetView[]> {
    if (!given) {
      const weights = equalWeights(commitments.length);
      return commitments.map((c, i) => ({
        measureCode: c.measureCode,
        measureName: c.measureName,
        unit: c.unit,
        direction: c.direction,
        baseline: 0,
        target: c.expectedRate,
        weight: weights[i],
      }));
    }
    const codes = given.map((t) => t.measureCode);
    if (new Set(codes).size !== codes.length) throw OrderingException.badInput('outcomeTargets', 'each outcome measure may appear once');
    const measures = await this.reference.assertMeasures(em, codes, 'outcomeTargets.measureCode');
    const withWeights = given.filter((t) => t.weight !== undefined && t.weight !== null).length;
    if (withWeights !== 0 && withWeights !== given.length) {
      throw OrderingException.badInput('outcomeTargets.weight', 'give a weight on every target or on none');
    }
    const weights = withWeights ? given.map((t) => t.weight!) : equalWeights(given.length);
    if (weights.reduce((a, b) => a + b, 0) !== 100) throw OrderingException.badInput('outcomeTargets.weight', 'weights must sum to 100');
    return given.map((t, i) => {
      const measure = measures.get(t.measureCode)!;
      return {
        measureCode: measure.code,
        measureName: measure.name,
        unit: measure.unit,
        direction: measure.direction,
        baseline: t.baseline ?? 0,
        target: t.target,
        weight: weights[i],
      };
    });
  }

  /**
   * Commissioners see their regions' orders; providers the orders sent to them (not those still
   * waiting for approval or rejected before reaching them); directorate and auditors all.
   */
  private async visibility(viewer: Principal, f: SqlFilter): Promise<void> {
    if (hasRole(viewer, Role.DIRECTORATE, Role.AUDITOR)) return;
    const parts: string[] = [];
    if (hasRole(viewer, Role.COMMISSIONER)) parts.push(`o.region_code = ANY(${f.param(commissionerRegions(viewer) ?? [])})`);
    if (hasRole(viewer, Role.PROVIDER)) {
      parts.push(
        `(o.provider_id = (SELECT id FROM organisation WHERE identifier = ${f.param(viewer.org ?? '')}) AND o.sent_at IS NOT NULL)`,
      );
    }
    f.where.push(parts.length ? `(${parts.join(' OR ')})` : 'FALSE');
  }

  private assertCommissionerOf(actor: Principal, row: OrderRow): void {
    if (!hasRole(actor, Role.COMMISSIONER) || !actor.regions.includes(row.region_code)) throw OrderingException.notFound();
  }

  private async assertProviderOf(em: EntityManager, actor: Principal, row: OrderRow): Promise<void> {
    const own = hasRole(actor, Role.PROVIDER) && actor.org ? await this.organisations.ownOrganisation(em, actor).catch(() => null) : null;
    if (!own || own.id !== row.provider_id || !row.sent_at) throw OrderingException.notFound();
  }

  private assertCan(row: OrderRow, to: OrderStatus, verb: string): void {
    if (!canTransition(row.status, to)) throw OrderingException.invalidState(row.status, verb);
  }

  /**
   * Locks the order and runs the action. An order found past its answer date is expired (and that
   * committed) before the action is refused, so the reservation is released either way.
   */
  private async transition(
    id: string,
    verb: string,
    action: (em: EntityManager, row: OrderRow) => Promise<OrderView>,
  ): Promise<OrderView> {
    const outcome: Outcome = await this.db.run(async (em) => {
      const row = await queryOne<OrderRow>(em, `SELECT ${ORDER_COLUMNS} FROM service_order o WHERE o.id = $1 FOR UPDATE`, [id]);
      if (!row) throw OrderingException.notFound();
      if (row.status === OrderStatus.SUBMITTED && row.response_due_at && row.response_due_at < this.clock.now()) {
        await this.expireDue(em, row.budget_id);
        return { expired: true };
      }
      return { order: await action(em, row) };
    });
    if ('expired' in outcome) throw OrderingException.invalidState(OrderStatus.EXPIRED, verb);
    return outcome.order;
  }

  private async update(
    em: EntityManager,
    actor: Principal,
    before: OrderRow,
    action: string,
    changes: Partial<Record<keyof OrderRow, unknown>>,
  ): Promise<OrderView> {
    const columns = Object.keys(changes);
    const row = await queryOne<OrderRow>(
      em,
      `UPDATE service_order o SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now()
       WHERE id = $1 RETURNING ${ORDER_COLUMNS}`,
      [before.id, ...columns.map((c) => changes[c as keyof OrderRow])],
    );
    const order = mapOrder(row!);
    await this.audit.record(em, actor, {
      action,
      entityType: 'Order',
      entityId: order.id,
      before: auditView(mapOrder(before)),
      after: auditView(order),
    });
    return order;
  }
}

/** The audit trail records the order's terms, including the award record (rationale, conflict of interest). */
function auditView(order: OrderView) {
  const { totalPence: _t, ...rest } = order;
  return { ...rest, unitPrice: order.unitPrice.amount, total: order.total.amount };
}
