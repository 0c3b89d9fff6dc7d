import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, formatPence, parsePence, type Pence, WorkingDays } from '@mkt/common';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { ApprovalLevel, AwardFlag, higherLevel } from '../award.enums';
import { AwardRationale } from '../ordering.enums';
import { OrderingErrorCode, OrderingException } from '../ordering.exception';
import { OrderAwardRepository, type RunningTotalKey } from '../repositories/order-award.repository';
import { awardRouteRefusal, runningTotalFlags } from '../rules/award-route';
import { approvalLevelFor, DEFAULT_SCHEME, type DelegationBand, parseScheme } from '../rules/delegation';
import { retrospectiveCheck } from '../rules/retrospective';

/** Central government publishes a contract details notice above GBP 12,000 including VAT. */
export const CONTRACT_DETAILS_NOTICE_PENCE: Pence = 1_200_000n;

/** The award terms of an order as placed (defaults applied). */
export interface AwardTerms {
  route: AwardRationale;
  justification: string | null;
  frameworkReference: string | null;
  startDate: string;
  conflictOfInterestDeclared: boolean;
  /** Loading orders already under way (the demo data): the rule on past start dates does not apply. */
  historic?: boolean;
}

export interface AwardRefusal {
  code: OrderingErrorCode;
  message: string;
  details: Record<string, unknown>;
}

/** What placing an order meets: the running total with it, the flags, the approval it needs, a refusal. */
export interface AwardAssessment {
  runningTotalPence: Pence;
  flags: AwardFlag[];
  approvalLevel: ApprovalLevel;
  refusal: AwardRefusal | null;
}

/**
 * Award routes, running totals, the scheme of delegation, retrospective starts and working-day due
 * dates (issue 13): the rules in rules/award-route.ts, rules/delegation.ts and rules/retrospective.ts
 * applied to an order about to be placed, against the provider's live orders.
 */
@Injectable()
export class OrderAwardService {
  private readonly scheme: readonly DelegationBand[];
  private readonly workingDays: WorkingDays;

  constructor(
    private readonly repo: OrderAwardRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.scheme = delegationScheme(config.ordering);
    this.workingDays = new WorkingDays(config.ordering.bankHolidaysExtra);
  }

  /** Inside the placing transaction, under the running total's lock: the assessment, or the refusal thrown. */
  async assessForPlacing(em: EntityManager, key: RunningTotalKey, total: Pence, terms: AwardTerms): Promise<AwardAssessment> {
    await this.repo.lock(em, key);
    const assessment = await this.assess(em, key, total, terms);
    const refusal = assessment.refusal;
    if (refusal) throw new OrderingException(refusal.code, refusal.message, refusal.details);
    return assessment;
  }

  /** The assessment without a lock or a write (awardCheck, before placing). */
  async assess(em: EntityManager, key: RunningTotalKey, total: Pence, terms: AwardTerms): Promise<AwardAssessment> {
    const ordering = this.config.ordering;
    const before = await this.repo.liveTotal(em, key);
    const after = before + total;
    const flags = runningTotalFlags(before, total, {
      noticePence: CONTRACT_DETAILS_NOTICE_PENCE,
      lightTouchThresholdPence: ordering.lightTouchThresholdPence,
    }) as AwardFlag[];
    const retro =
      ordering.retrospectiveOrders === 'enforce' && !terms.historic
        ? retrospectiveCheck({ startDate: terms.startDate, today: this.clock.today(), route: terms.route, windowDays: ordering.retrospectiveDays })
        : { retrospective: false, refusal: null };
    let approvalLevel = approvalLevelFor(after, this.scheme) as ApprovalLevel;
    // Someone other than the placer approves a declared conflict and a retrospective start, whatever the value.
    if (terms.conflictOfInterestDeclared || retro.retrospective) approvalLevel = higherLevel(approvalLevel, ApprovalLevel.PEER_COMMISSIONER);
    return { runningTotalPence: after, flags, approvalLevel, refusal: this.refusal(retro.refusal, after, terms) };
  }

  /** `responseDays` working days (England and Wales) after the order reaches the provider, at the same time of day. */
  responseDue(sentAt: Date): Date {
    return this.workingDaysAfter(sentAt, this.config.ordering.responseDays);
  }

  /** `APPROVAL_DAYS` working days after placing. */
  approvalDue(placedAt: Date): Date {
    return this.workingDaysAfter(placedAt, this.config.ordering.approvalDays);
  }

  private workingDaysAfter(from: Date, days: number): Date {
    const iso = from.toISOString();
    return new Date(`${this.workingDays.add(iso.slice(0, 10), days)}${iso.slice(10)}`);
  }

  private refusal(retrospective: string | null, runningTotal: Pence, terms: AwardTerms): AwardRefusal | null {
    if (retrospective) {
      return { code: OrderingErrorCode.RETROSPECTIVE_NOT_ALLOWED, message: retrospective, details: { field: 'startDate' } };
    }
    const threshold = this.config.ordering.lightTouchThresholdPence;
    const route = awardRouteRefusal({
      route: terms.route,
      valuePence: runningTotal,
      justification: terms.justification,
      frameworkReference: terms.frameworkReference,
      lightTouchThresholdPence: threshold,
    });
    if (!route) return null;
    return {
      code: OrderingErrorCode.AWARD_ROUTE_NOT_ALLOWED,
      message: route,
      details: { field: 'awardRationale', runningTotal: formatPence(runningTotal), lightTouchThreshold: formatPence(threshold) },
    };
  }
}

/**
 * DELEGATION_SCHEME when set; otherwise the default scheme with its peer level at
 * ORDER_APPROVAL_THRESHOLD (which was the one approval limit before the scheme existed).
 */
export function delegationScheme(ordering: AppConfig['ordering']): readonly DelegationBand[] {
  if (ordering.delegationScheme.trim()) {
    try {
      return parseScheme(ordering.delegationScheme, parsePence);
    } catch (error) {
      throw new Error(`DELEGATION_SCHEME: ${(error as Error).message}`, { cause: error });
    }
  }
  return DEFAULT_SCHEME.map((band) => (band.level === 'PEER_COMMISSIONER' ? { ...band, abovePence: ordering.approvalThresholdPence } : band));
}
