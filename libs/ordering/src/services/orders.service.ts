import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, contractPeriodProblem, onDomainError, parsePence } from '@mkt/common';
import { hasRole, type Principal, Role } from '@mkt/auth';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { AuditService } from '@mkt/audit';
import { TransactionRunner } from '@mkt/database';
import { OfferLockService, ServiceOffersService } from '@mkt/catalogue';
import { ContractsService } from '@mkt/contracts';
import { OrganisationErrorCode, OrganisationsService } from '@mkt/organisations';
import { ReferenceService } from '@mkt/reference';
import { PlaceOrderInput } from '../dtos/order.inputs';
import { OrderView } from '../dtos/order.types';
import { AwardRationale, OrderStatus, ReportingPeriod } from '../ordering.enums';
import { OrderingErrorCode, OrderingException } from '../ordering.exception';
import { canTransition } from '../rules/order-state';
import { firstOverCapacityMonth, monthlyLoad, orderTotal } from '../rules/order-terms';
import { OrderRepository } from '../repositories/order.repository';
import { auditView, mapOrder, OrderRow } from '../repositories/order.row';
import { OrderBudgetPhases } from './order-budget-phases';
import { OrderExpiryService } from './order-expiry.service';
import { ApprovalLevel } from '../award.enums';
import { awardColumns, awardTerms } from './order-award-columns';
import { OrderAwardService } from './order-award';
import { assertMayApprove, assertMayReview, isOverdue } from './order-approval';
import { OrderableService } from './orderable.service';
import { resolveOutcomeTargets } from './outcome-targets';
import { advancePaymentRefusal } from '../rules/advance-payment';
import { outcomeShareFor, parseOutcomeShares } from '../rules/outcome-terms';

/** What an order action ended in; an expiry found on the way is committed before the error. */
type Outcome = { order: OrderView } | { expired: true };

@Injectable()
export class OrdersService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly offers: ServiceOffersService,
    private readonly offerLock: OfferLockService,
    private readonly organisations: OrganisationsService,
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly expiry: OrderExpiryService,
    private readonly phases: OrderBudgetPhases,
    private readonly orderable: OrderableService,
    private readonly award: OrderAwardService,
  ) {
    this.historicAllowed = config.ordering.retrospectiveOrders === 'allow';
    try {
      this.outcomeShares = parseOutcomeShares(config.ordering.outcomeShareByBand);
    } catch (error) {
      throw new Error(`OUTCOME_SHARE_BY_BAND: ${(error as Error).message}`, { cause: error });
    }
  }

  /** RETROSPECTIVE_ORDERS=allow: past start dates, and so ended financial years, may be charged (loading history). */
  private readonly historicAllowed: boolean;

  /** Default and cap of the outcome share per income band (OUTCOME_SHARE_BY_BAND over the defaults). */
  private readonly outcomeShares: ReturnType<typeof parseOutcomeShares>;

  /**
   * Places an order in one transaction: the order row, its audit event, then the reservation of
   * each financial year's phase on that year's pot, in year order, as the last statements (so the
   * budget rows are locked as briefly as possible). A retry
   * with the same idempotency key and input returns the first order and reserves nothing again.
   */
  async place(actor: Principal, input: PlaceOrderInput, options: { historic?: boolean } = {}): Promise<OrderView> {
    const pdu = this.orderable.pdu(actor, input.pduCode);
    const periodProblem = contractPeriodProblem(input.startDate, input.endDate);
    if (periodProblem) throw OrderingException.badInput('endDate', periodProblem);
    const normalised = normalisePlacement(input);
    const requestHash = createHash('sha256').update(JSON.stringify(normalised)).digest('hex');

    return this.db.run(async (em) => {
      const existing = await this.findByKey(em, actor.sub, input.idempotencyKey);
      if (existing) return this.replay(existing, requestHash);
      const historic = options.historic === true || this.historicAllowed;
      const { offer, targets, outcomeSharePercent, unitPrice, total, planned } = await this.priced(em, normalised, pdu, historic);
      const { budgetId, financialYear } = planned[0];
      const key = { providerId: offer.providerId, category: offer.category, regionCode: pdu.regionCode, financialYear };
      const award = await this.award.assessForPlacing(em, key, total, { ...awardTerms(normalised), historic: options.historic });
      const needsApproval = award.approvalLevel !== ApprovalLevel.NONE;
      const now = this.clock.now();
      const row = await this.orders.insert(em, {
        status: needsApproval ? OrderStatus.PENDING_APPROVAL : OrderStatus.SUBMITTED,
        offer_id: offer.id,
        offer_version: offer.version,
        provider_id: offer.providerId,
        region_code: pdu.regionCode,
        pdu_code: pdu.code,
        category: offer.category,
        budget_id: budgetId,
        financial_year: financialYear,
        quantity: normalised.quantity,
        unit_price_pence: unitPrice.toString(),
        total_pence: total.toString(),
        start_date: normalised.startDate,
        end_date: normalised.endDate,
        outcome_targets: JSON.stringify(targets),
        outcome_share_percent: outcomeSharePercent,
        advance_payment: normalised.advancePayment ?? false,
        reporting_period: normalised.reportingPeriod,
        award_rationale: normalised.awardRationale,
        conflict_of_interest_declared: normalised.conflictOfInterestDeclared,
        note: normalised.note,
        placed_by: actor.sub,
        idempotency_key: input.idempotencyKey.toLowerCase(),
        request_hash: requestHash,
        sent_at: needsApproval ? null : now,
        response_due_at: needsApproval ? null : this.award.responseDue(now),
        placed_at: now,
        ...awardColumns(normalised, award, needsApproval ? this.award.approvalDue(now) : null),
      });
      // A concurrent request with the same key won the insert: answer as a retry of it.
      if (!row) return this.replay((await this.findByKey(em, actor.sub, input.idempotencyKey))!, requestHash);

      const order = mapOrder(row);
      await this.audit.record(em, actor, { action: 'order.placed', entityType: 'Order', entityId: order.id, after: auditView(order) });
      // A stale reservation (an order past its answer date) never blocks a new order: swept once per pot that is short.
      await this.phases.reserve(em, order.id, pdu.regionCode, planned, (pot, held) => this.expiry.expireDue(em, pot, held));
      return order;
    });
  }

  /**
   * The order's terms from the offer as it is now: outcome targets, outcome share, price, total,
   * and one pot per financial year the schedule reaches (refusals name the year; the first is `budget_id`).
   */
  private async priced(
    em: EntityManager,
    normalised: ReturnType<typeof normalisePlacement>,
    pdu: { code: string; regionCode: string },
    historic: boolean,
  ) {
    const offer = await this.orderable.offer(em, normalised.offerId, pdu, normalised.expectedOfferVersion);
    const targets = await resolveOutcomeTargets(this.reference, em, normalised.outcomeTargets, offer.outcomeCommitments, normalised.outcomeBaselines);
    const outcomeSharePercent = await this.outcomeShare(em, offer.providerId, normalised.outcomeSharePercent, normalised.advancePayment);
    const unitPrice = parsePence(offer.unitPrice.amount);
    const total = orderTotal(offer.pricingUnit, unitPrice, normalised.quantity);
    const planned = await this.phases.plan(
      em,
      {
        regionCode: pdu.regionCode,
        category: offer.category,
        startDate: normalised.startDate,
        endDate: normalised.endDate,
        reportingPeriod: normalised.reportingPeriod,
        totalPence: total,
        outcomeSharePercent,
      },
      historic,
    );
    return { offer, targets, outcomeSharePercent, unitPrice, total, planned };
  }

  approve(actor: Principal, id: string): Promise<OrderView> {
    return this.transition(id, 'approved', async (em, row) => {
      assertMayApprove(actor, row);
      this.assertCan(row, OrderStatus.SUBMITTED, 'approved');
      const now = this.clock.now();
      return this.update(em, actor, row, 'order.approved', {
        status: OrderStatus.SUBMITTED,
        approved_by: actor.sub,
        approved_at: now,
        sent_at: now,
        response_due_at: this.award.responseDue(now),
      });
    });
  }

  reject(actor: Principal, id: string, reason: string): Promise<OrderView> {
    return this.transition(id, 'rejected', async (em, row) => {
      assertMayReview(actor, row);
      this.assertCan(row, OrderStatus.REJECTED, 'rejected');
      await this.phases.release(em, row);
      return this.update(em, actor, row, 'order.rejected', {
        status: OrderStatus.REJECTED,
        reason,
        answered_by: actor.sub,
        answered_at: this.clock.now(),
      });
    });
  }

  withdraw(actor: Principal, id: string, reason: string): Promise<OrderView> {
    return this.transition(id, 'withdrawn', async (em, row) => {
      this.assertCommissionerOf(actor, row);
      this.assertCan(row, OrderStatus.WITHDRAWN, 'withdrawn');
      await this.phases.release(em, row);
      return this.update(em, actor, row, 'order.withdrawn', {
        status: OrderStatus.WITHDRAWN,
        reason,
        answered_by: actor.sub,
        answered_at: this.clock.now(),
      });
    });
  }

  decline(actor: Principal, id: string, reason: string): Promise<OrderView> {
    return this.transition(id, 'declined', async (em, row) => {
      await this.assertProviderOf(em, actor, row);
      this.assertOtherSide(actor, row);
      this.assertCan(row, OrderStatus.DECLINED, 'declined');
      await this.phases.release(em, row);
      return this.update(em, actor, row, 'order.declined', {
        status: OrderStatus.DECLINED,
        reason,
        answered_by: actor.sub,
        answered_at: this.clock.now(),
      });
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
      this.assertOtherSide(actor, row);
      this.assertCan(row, OrderStatus.ACCEPTED, 'accepted');
      await this.offerLock.lock(em, row.offer_id);
      const version = await this.offers.version(em, row.offer_id, row.offer_version);
      if (!version) throw new Error(`order ${row.id} pins a missing offer version`);
      const others = await this.orders.acceptedOverlapping(em, row.offer_id, row.start_date, row.end_date);
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
      const budgetPhases = await this.phases.commit(em, row);
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
        advancePayment: order.advancePayment,
        reportingPeriod: order.reportingPeriod,
        outcomeTargets: order.outcomeTargets,
        budgetPhases,
        placedBy: row.placed_by,
        conflictOfInterestDeclared: row.conflict_of_interest_declared,
      });
      return order;
    });
  }

  /** One principal on one side: whoever placed or approved an order may not answer it for the provider. */
  private assertOtherSide(actor: Principal, row: OrderRow): void {
    if (row.placed_by === actor.sub) throw OrderingException.separationOfDuties('placed');
    if (row.approved_by === actor.sub) throw OrderingException.separationOfDuties('approved');
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
    return this.orders.findByKey(em, placedBy, key);
  }

  private assertCommissionerOf(actor: Principal, row: OrderRow): void {
    if (!hasRole(actor, Role.COMMISSIONER) || !actor.regions.includes(row.region_code)) throw OrderingException.notFound();
  }

  private async assertProviderOf(em: EntityManager, actor: Principal, row: OrderRow): Promise<void> {
    // An unregistered organisation sees no order (NOT_FOUND below); a lost connection propagates.
    const own =
      hasRole(actor, Role.PROVIDER) && actor.org
        ? await this.organisations.ownOrganisation(em, actor).catch(onDomainError(OrganisationErrorCode.NO_ORGANISATION, () => null))
        : null;
    if (!own || own.id !== row.provider_id || !row.sent_at) throw OrderingException.notFound();
  }

  private assertCan(row: OrderRow, to: OrderStatus, verb: string): void {
    if (!canTransition(row.status, to)) throw OrderingException.invalidState(row.status, verb);
  }

  /**
   * Locks the order and runs the action. An order found past its answer date is expired (and that
   * committed) before the action is refused, so the reservation is released either way.
   */
  private async transition(id: string, verb: string, action: (em: EntityManager, row: OrderRow) => Promise<OrderView>): Promise<OrderView> {
    const outcome: Outcome = await this.db.run(async (em) => {
      const row = await this.orders.lock(em, id);
      if (!row) throw OrderingException.notFound();
      if (isOverdue(row, this.clock.now())) {
        await this.expiry.expireDue(em, row.budget_id);
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
    const order = mapOrder(await this.orders.update(em, before.id, changes));
    await this.audit.record(em, actor, {
      action,
      entityType: 'Order',
      entityId: order.id,
      before: auditView(mapOrder(before)),
      after: auditView(order),
    });
    return order;
  }

  /**
   * The outcome share asked for, or the provider's income band's default; refused above the band's
   * cap. An advance payment schedule is refused for a band that may not have one (rules/advance-payment).
   */
  private async outcomeShare(em: EntityManager, providerId: string, asked: number | null, advance = false): Promise<number> {
    const provider = await this.organisations.byId(em, providerId);
    const advanceRefusal = advancePaymentRefusal(provider!.incomeBand, advance);
    if (advanceRefusal) throw new OrderingException(OrderingErrorCode.ADVANCE_PAYMENT_NOT_ALLOWED, advanceRefusal, { field: 'advancePayment' });
    const share = outcomeShareFor(provider!.incomeBand, asked, this.outcomeShares);
    if ('refusal' in share) throw OrderingException.badInput('outcomeSharePercent', share.refusal);
    return share.percent;
  }
}

/** The input as it is kept and hashed for idempotency, defaults applied. */
function normalisePlacement(input: PlaceOrderInput) {
  return {
    offerId: input.offerId.toLowerCase(),
    pduCode: input.pduCode,
    quantity: input.quantity,
    startDate: input.startDate,
    endDate: input.endDate,
    outcomeTargets: input.outcomeTargets ?? null,
    // The default depends on the provider's income band, known once the offer is read (see outcomeShare).
    outcomeSharePercent: input.outcomeSharePercent ?? null,
    // Left out of the hash when not sent, as expectedOfferVersion below.
    outcomeBaselines: input.outcomeBaselines ?? undefined,
    reportingPeriod: input.reportingPeriod ?? ReportingPeriod.QUARTERLY,
    awardRationale: input.awardRationale ?? AwardRationale.LIGHT_TOUCH_DIRECT_AWARD,
    conflictOfInterestDeclared: input.conflictOfInterestDeclared ?? false,
    note: input.note ?? null,
    // Left out of the hash when not sent, so orders placed before issue 13 replay as before.
    awardJustification: input.awardJustification?.trim() || undefined,
    frameworkReference: input.frameworkReference?.trim() || undefined,
    // Left out of the hash when not sent (JSON drops undefined), so orders placed before it existed replay as before.
    expectedOfferVersion: input.expectedOfferVersion ?? undefined,
    // Left out of the hash unless an advance schedule is asked for, so earlier orders replay as before.
    advancePayment: input.advancePayment || undefined,
  };
}
