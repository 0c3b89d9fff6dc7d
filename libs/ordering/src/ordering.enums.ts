import { registerEnumType } from '@nestjs/graphql';

export enum OrderStatus {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  SUBMITTED = 'SUBMITTED',
  REJECTED = 'REJECTED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}

export enum ReportingPeriod {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
}

/** The lawful basis recorded for an award (Procurement Act 2023; see rules/award-route.ts). */
export enum AwardRationale {
  LIGHT_TOUCH_DIRECT_AWARD = 'LIGHT_TOUCH_DIRECT_AWARD',
  URGENT_NEED = 'URGENT_NEED',
  ONLY_SUITABLE_PROVIDER = 'ONLY_SUITABLE_PROVIDER',
  CONTINUITY_OF_CARE = 'CONTINUITY_OF_CARE',
  FRAMEWORK_CALL_OFF = 'FRAMEWORK_CALL_OFF',
}

/** How a target relates to its baseline (a target on the wrong side of its baseline is refused). */
export enum OutcomeTargetKind {
  IMPROVE = 'IMPROVE',
  MAINTAIN_AT_LEAST = 'MAINTAIN_AT_LEAST',
}

registerEnumType(OutcomeTargetKind, {
  name: 'OutcomeTargetKind',
  valuesMap: {
    IMPROVE: { description: 'The target is better than the baseline (above it when higher is better, below when lower is better).' },
    MAINTAIN_AT_LEAST: {
      description: 'The target is the baseline itself: the outcome money pays for holding the level, never for falling below it.',
    },
  },
});
registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  valuesMap: {
    PENDING_APPROVAL: {
      description: 'Needs approval under the scheme of delegation (or a declared conflict, or a retrospective start); budget reserved.',
    },
    SUBMITTED: { description: 'With the provider for an answer; budget reserved.' },
    ACCEPTED: { description: 'The provider accepted: budget committed, contract created.' },
    EXPIRED: { description: 'Not answered (or not approved) in time; reservation released.' },
  },
});
registerEnumType(ReportingPeriod, { name: 'ReportingPeriod' });
registerEnumType(AwardRationale, {
  name: 'AwardRationale',
  valuesMap: {
    LIGHT_TOUCH_DIRECT_AWARD: { description: "Direct award below the light-touch threshold (the provider's running total included)." },
    URGENT_NEED: { description: 'Schedule 5: extreme and unavoidable urgency; needs awardJustification. The only route for a retrospective start.' },
    ONLY_SUITABLE_PROVIDER: { description: 'Schedule 5: no reasonable alternative provider; needs awardJustification.' },
    CONTINUITY_OF_CARE: { description: "Schedule 5: the service user's needs and preferences; needs awardJustification." },
    FRAMEWORK_CALL_OFF: { description: 'A call-off under a framework already competed; needs frameworkReference.' },
  },
});
