import { DomainException } from '@mkt/common';

export enum BudgetErrorCode {
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  BUDGET_BELOW_COMMITMENTS = 'BUDGET_BELOW_COMMITMENTS',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  REPORT_TOO_LARGE = 'REPORT_TOO_LARGE',
}

export class BudgetException extends DomainException {
  constructor(code: BudgetErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** More pots than REPORT_MAX_ROWS match: refused rather than a cut-off list that looks complete. */
export function budgetsTooLarge(max: number): BudgetException {
  return new BudgetException(BudgetErrorCode.REPORT_TOO_LARGE, `budgets has more than ${max} rows: narrow the filter (financialYears, regionCodes)`, {
    max,
  });
}
