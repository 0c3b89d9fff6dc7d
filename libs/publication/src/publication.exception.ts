import { DomainException } from '@mkt/common';

export enum PublicationErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  QUARTER_NOT_ENDED = 'QUARTER_NOT_ENDED',
  NOTHING_TO_PUBLISH = 'NOTHING_TO_PUBLISH',
}

export class PublicationException extends DomainException {
  constructor(code: PublicationErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static notFound(what = 'Publication'): PublicationException {
    return new PublicationException(PublicationErrorCode.NOT_FOUND, `${what} not found`);
  }

  static badInput(field: string, message: string): PublicationException {
    return new PublicationException(PublicationErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }
}
