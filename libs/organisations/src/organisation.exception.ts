import { DomainException } from '@mkt/common';

export enum OrganisationErrorCode {
  ORGANISATION_ALREADY_REGISTERED = 'ORGANISATION_ALREADY_REGISTERED',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  FORBIDDEN = 'FORBIDDEN',
  NO_ORGANISATION = 'NO_ORGANISATION',
}

export class OrganisationException extends DomainException {
  constructor(code: OrganisationErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static notFound(): OrganisationException {
    return new OrganisationException(OrganisationErrorCode.NOT_FOUND, 'Organisation not found');
  }
}
