import { registerEnumType } from '@nestjs/graphql';

export enum ContractStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  COMPLETED = 'COMPLETED',
  TERMINATED = 'TERMINATED',
}

export enum PaymentKind {
  FIXED = 'FIXED',
  OUTCOME = 'OUTCOME',
}

export enum ReportStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}

export enum OutcomeAchievementBand {
  ON_TARGET = 'ON_TARGET',
  NEAR_TARGET = 'NEAR_TARGET',
  BELOW_TARGET = 'BELOW_TARGET',
  WELL_BELOW_TARGET = 'WELL_BELOW_TARGET',
}

/** Deprecated: the labels of `Contract.ratings`, kept until clients read `outcomeAchievement`. */
export enum PerformanceRatingValue {
  GOOD = 'GOOD',
  APPROACHING_TARGET = 'APPROACHING_TARGET',
  REQUIRES_IMPROVEMENT = 'REQUIRES_IMPROVEMENT',
  INADEQUATE = 'INADEQUATE',
}

registerEnumType(ContractStatus, { name: 'ContractStatus' });
registerEnumType(PaymentKind, { name: 'PaymentKind' });
registerEnumType(ReportStatus, { name: 'PerformanceReportStatus' });
registerEnumType(PerformanceRatingValue, { name: 'PerformanceRating' });
registerEnumType(OutcomeAchievementBand, {
  name: 'OutcomeAchievementBand',
  description: 'How far approved reports reached their outcome targets (not a contract performance notice rating).',
  valuesMap: {
    ON_TARGET: { description: 'Average achievement 0.90 or more.' },
    NEAR_TARGET: { description: '0.70 to under 0.90.' },
    BELOW_TARGET: { description: '0.40 to under 0.70.' },
    WELL_BELOW_TARGET: { description: 'Under 0.40.' },
  },
});

/** ACTIVE <-> SUSPENDED; either may end COMPLETED (ACTIVE only) or TERMINATED; ended contracts stay ended. */
const STATUS_TRANSITIONS: Record<ContractStatus, ContractStatus[]> = {
  [ContractStatus.ACTIVE]: [ContractStatus.SUSPENDED, ContractStatus.COMPLETED, ContractStatus.TERMINATED],
  [ContractStatus.SUSPENDED]: [ContractStatus.ACTIVE, ContractStatus.TERMINATED],
  [ContractStatus.COMPLETED]: [],
  [ContractStatus.TERMINATED]: [],
};

export function canChangeStatus(from: ContractStatus, to: ContractStatus): boolean {
  return from === to || STATUS_TRANSITIONS[from].includes(to);
}
