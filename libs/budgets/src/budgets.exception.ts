import { DomainException, type ErrorCodeInfo } from '@mkt/common';

export enum BudgetErrorCode {
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  BUDGET_BELOW_COMMITMENTS = 'BUDGET_BELOW_COMMITMENTS',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  REPORT_TOO_LARGE = 'REPORT_TOO_LARGE',
}

/** What each code means; its HTTP status is used on plain HTTP routes. docs/errors.md is generated from this. */
export const BUDGET_ERROR_CODES: Record<BudgetErrorCode, ErrorCodeInfo> = {
  BUDGET_EXCEEDED: { httpStatus: 400, meaning: 'The change would spend more than the pot holds' },
  BUDGET_BELOW_COMMITMENTS: { httpStatus: 400, meaning: 'A budget cannot be lowered below what is reserved and committed from it' },
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'A budget field breaks a rule; the message names the field' },
  REPORT_TOO_LARGE: { httpStatus: 400, meaning: 'More rows than REPORT_MAX_ROWS match; narrow the filter (`max` is the cap)' },
};

export class BudgetException extends DomainException {
  constructor(code: BudgetErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details, BUDGET_ERROR_CODES[code]);
  }
}

/** More pots than REPORT_MAX_ROWS match: refused rather than a cut-off list that looks complete. */
export function budgetsTooLarge(max: number): BudgetException {
  return new BudgetException(BudgetErrorCode.REPORT_TOO_LARGE, `budgets has more than ${max} rows: narrow the filter (financialYears, regionCodes)`, {
    max,
  });
}
