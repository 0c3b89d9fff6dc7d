import { DomainException, type ErrorCodeInfo } from '@mkt/common';

export enum ContractsErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  INVALID_STATE = 'INVALID_STATE',
  INVALID_VARIATION = 'INVALID_VARIATION',
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  OVERPAYMENT = 'OVERPAYMENT',
  PAYMENT_NOT_DUE = 'PAYMENT_NOT_DUE',
  SEPARATION_OF_DUTIES = 'SEPARATION_OF_DUTIES',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  FUNDING_EXCEEDS_PAYMENTS = 'FUNDING_EXCEEDS_PAYMENTS',
  CONFLICT_OF_INTEREST = 'CONFLICT_OF_INTEREST',
  VARIATION_PENDING = 'VARIATION_PENDING',
}

/** What each code means; its HTTP status is used on plain HTTP routes. docs/errors.md is generated from this. */
export const CONTRACTS_ERROR_CODES: Record<ContractsErrorCode, ErrorCodeInfo> = {
  NOT_FOUND: { httpStatus: 404, meaning: 'The contract (or payment, variation) does not exist or the caller may not see it' },
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'A contract field breaks a rule; the message names the field' },
  CONFLICT: { httpStatus: 409, meaning: 'The change conflicts with the contract’s current state (already recorded)' },
  INVALID_STATE: { httpStatus: 400, meaning: 'The contract’s status does not allow this change' },
  INVALID_VARIATION: {
    httpStatus: 400,
    meaning: 'The variation would drop periods with reports or payments, or cut an instalment below what is paid',
  },
  BUDGET_EXCEEDED: { httpStatus: 400, meaning: 'The change would spend more than the pot holds' },
  OVERPAYMENT: { httpStatus: 400, meaning: 'The payment would take the total paid for the period above what is due' },
  PAYMENT_NOT_DUE: {
    httpStatus: 400,
    meaning:
      'The period’s fixed instalment is not due on `paidOn` (in arrears from the period’s last day; from its first day with an advance schedule: `payableFrom`), or no approved performance report makes its outcome payment due',
  },
  SEPARATION_OF_DUTIES: { httpStatus: 400, meaning: 'The same person may not act on both sides of a decision' },
  IDEMPOTENCY_KEY_REUSED: { httpStatus: 400, meaning: 'The idempotency key was used before with different input' },
  FUNDING_EXCEEDS_PAYMENTS: { httpStatus: 400, meaning: 'Funding passed down a subcontracting tier would exceed what the tier above has been paid' },
  CONFLICT_OF_INTEREST: {
    httpStatus: 400,
    meaning: 'The commissioner declared a conflict of interest when placing the order: another must approve its reports or record its payments',
  },
  VARIATION_PENDING: {
    httpStatus: 400,
    meaning: 'The contract already has a proposed variation waiting for the provider’s answer (one open proposal at a time)',
  },
};

export class ContractsException extends DomainException {
  constructor(code: ContractsErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details, CONTRACTS_ERROR_CODES[code]);
  }

  static notFound(what = 'Contract'): ContractsException {
    return new ContractsException(ContractsErrorCode.NOT_FOUND, `${what} not found`);
  }

  static badInput(field: string, message: string): ContractsException {
    return new ContractsException(ContractsErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }
}
