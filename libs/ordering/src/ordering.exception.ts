import { DomainException } from '@mkt/common';

export enum OrderingErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  FORBIDDEN = 'FORBIDDEN',
  INVALID_STATE = 'INVALID_STATE',
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  CAPACITY_EXCEEDED = 'CAPACITY_EXCEEDED',
  OFFER_NOT_AVAILABLE = 'OFFER_NOT_AVAILABLE',
}

export class OrderingException extends DomainException {
  constructor(code: OrderingErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static notFound(): OrderingException {
    return new OrderingException(OrderingErrorCode.NOT_FOUND, 'Order not found');
  }

  static badInput(field: string, message: string): OrderingException {
    return new OrderingException(OrderingErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }

  static invalidState(from: string, action: string): OrderingException {
    return new OrderingException(OrderingErrorCode.INVALID_STATE, `An order that is ${from} cannot be ${action}`, { status: from });
  }
}
