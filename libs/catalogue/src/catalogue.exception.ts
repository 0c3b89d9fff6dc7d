import { DomainException } from '@mkt/common';

export enum CatalogueErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_STATE = 'INVALID_STATE',
  ORGANISATION_NOT_VERIFIED = 'ORGANISATION_NOT_VERIFIED',
}

export class CatalogueException extends DomainException {
  constructor(code: CatalogueErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static notFound(): CatalogueException {
    return new CatalogueException(CatalogueErrorCode.NOT_FOUND, 'Service offer not found');
  }

  static badInput(field: string, message: string): CatalogueException {
    return new CatalogueException(CatalogueErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }
}
