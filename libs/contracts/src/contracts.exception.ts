import { DomainException } from '@mkt/common';

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
}

export class ContractsException extends DomainException {
  constructor(code: ContractsErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static notFound(what = 'Contract'): ContractsException {
    return new ContractsException(ContractsErrorCode.NOT_FOUND, `${what} not found`);
  }

  static badInput(field: string, message: string): ContractsException {
    return new ContractsException(ContractsErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }
}
