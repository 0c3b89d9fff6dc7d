import { DomainException } from '@mkt/common';

export enum BudgetErrorCode {
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  BUDGET_BELOW_COMMITMENTS = 'BUDGET_BELOW_COMMITMENTS',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
}

export class BudgetException extends DomainException {
  constructor(code: BudgetErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
