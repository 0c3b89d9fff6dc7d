import { DomainException, type ErrorCodeInfo } from '@mkt/common';

export enum AccessErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
}

/** What each code means; its HTTP status is used on plain HTTP routes. docs/errors.md is generated from this. */
export const ACCESS_ERROR_CODES: Record<AccessErrorCode, ErrorCodeInfo> = {
  UNAUTHENTICATED: { httpStatus: 401, meaning: 'No valid bearer token (missing, expired, wrong issuer or signature)' },
  FORBIDDEN: { httpStatus: 403, meaning: 'The caller’s role or organisation may not do this' },
};

export class AccessException extends DomainException {
  constructor(code: AccessErrorCode, message: string) {
    super(code, message, undefined, ACCESS_ERROR_CODES[code]);
  }

  static unauthenticated(message = 'A valid bearer token is required'): AccessException {
    return new AccessException(AccessErrorCode.UNAUTHENTICATED, message);
  }

  static forbidden(message = 'Your role may not do this'): AccessException {
    return new AccessException(AccessErrorCode.FORBIDDEN, message);
  }
}
