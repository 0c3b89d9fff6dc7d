import { DomainException } from '@mkt/common';

export enum SpendErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  FORBIDDEN = 'FORBIDDEN',
}

export class SpendException extends DomainException {
  constructor(code: SpendErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static badInput(field: string, message: string): SpendException {
    return new SpendException(SpendErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }

  static forbidden(message: string, field?: string): SpendException {
    return new SpendException(SpendErrorCode.FORBIDDEN, message, field ? { field } : undefined);
  }
}
