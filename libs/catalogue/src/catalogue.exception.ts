import { DomainException, type ErrorCodeInfo } from '@mkt/common';

export enum CatalogueErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_STATE = 'INVALID_STATE',
  ORGANISATION_NOT_VERIFIED = 'ORGANISATION_NOT_VERIFIED',
}

/** What each code means; its HTTP status is used on plain HTTP routes. docs/errors.md is generated from this. */
export const CATALOGUE_ERROR_CODES: Record<CatalogueErrorCode, ErrorCodeInfo> = {
  NOT_FOUND: { httpStatus: 404, meaning: 'The service offer does not exist or the caller may not see it' },
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'An offer field breaks a rule; the message names the field' },
  INVALID_STATE: { httpStatus: 400, meaning: 'The offer’s status does not allow this change' },
  ORGANISATION_NOT_VERIFIED: { httpStatus: 400, meaning: 'The provider organisation must be verified before it can publish offers' },
};

export class CatalogueException extends DomainException {
  constructor(code: CatalogueErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details, CATALOGUE_ERROR_CODES[code]);
  }

  static notFound(): CatalogueException {
    return new CatalogueException(CatalogueErrorCode.NOT_FOUND, 'Service offer not found');
  }

  static badInput(field: string, message: string): CatalogueException {
    return new CatalogueException(CatalogueErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }
}
