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
