import { DomainException, type ErrorCodeInfo } from '@mkt/common';

export enum OrganisationErrorCode {
  ORGANISATION_ALREADY_REGISTERED = 'ORGANISATION_ALREADY_REGISTERED',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  FORBIDDEN = 'FORBIDDEN',
  NO_ORGANISATION = 'NO_ORGANISATION',
}

/** What each code means; its HTTP status is used on plain HTTP routes. docs/errors.md is generated from this. */
export const ORGANISATION_ERROR_CODES: Record<OrganisationErrorCode, ErrorCodeInfo> = {
  ORGANISATION_ALREADY_REGISTERED: { httpStatus: 400, meaning: 'An organisation with this identifier is already registered' },
  NOT_FOUND: { httpStatus: 404, meaning: 'The organisation does not exist or the caller may not see it' },
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'An organisation field breaks a rule; the message names the field' },
  FORBIDDEN: { httpStatus: 403, meaning: 'The caller may not act for this organisation' },
  NO_ORGANISATION: { httpStatus: 400, meaning: 'The token’s organisation is not registered; register it first' },
};

export class OrganisationException extends DomainException {
  constructor(code: OrganisationErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details, ORGANISATION_ERROR_CODES[code]);
  }

  static notFound(): OrganisationException {
    return new OrganisationException(OrganisationErrorCode.NOT_FOUND, 'Organisation not found');
  }
}
