import { DomainException } from '@mkt/common';

export enum AccessErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
}

export class AccessException extends DomainException {
  constructor(code: AccessErrorCode, message: string) {
    super(code, message);
  }

  static unauthenticated(message = 'A valid bearer token is required'): AccessException {
    return new AccessException(AccessErrorCode.UNAUTHENTICATED, message);
  }

  static forbidden(message = 'Your role may not do this'): AccessException {
    return new AccessException(AccessErrorCode.FORBIDDEN, message);
  }
}
