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

/** The lawful basis recorded for a direct award. */
export enum AwardRationale {
  LIGHT_TOUCH_DIRECT_AWARD = 'LIGHT_TOUCH_DIRECT_AWARD',
  URGENT_NEED = 'URGENT_NEED',
  ONLY_SUITABLE_PROVIDER = 'ONLY_SUITABLE_PROVIDER',
  CONTINUITY_OF_CARE = 'CONTINUITY_OF_CARE',
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
    PENDING_APPROVAL: { description: 'Above the approval threshold: waits for a second commissioner; budget reserved.' },
    SUBMITTED: { description: 'With the provider for an answer; budget reserved.' },
    ACCEPTED: { description: 'The provider accepted: budget committed, contract created.' },
    EXPIRED: { description: 'Not answered in time; reservation released.' },
  },
});
registerEnumType(ReportingPeriod, { name: 'ReportingPeriod' });
registerEnumType(AwardRationale, { name: 'AwardRationale' });
