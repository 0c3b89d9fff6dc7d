import { DomainException, type ErrorCodeInfo } from '@mkt/common';

export enum PublicationErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  QUARTER_NOT_ENDED = 'QUARTER_NOT_ENDED',
  NOTHING_TO_PUBLISH = 'NOTHING_TO_PUBLISH',
}

/** What each code means; its HTTP status is used on plain HTTP routes. docs/errors.md is generated from this. */
export const PUBLICATION_ERROR_CODES: Record<PublicationErrorCode, ErrorCodeInfo> = {
  NOT_FOUND: { httpStatus: 404, meaning: 'The publication does not exist' },
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'A publication parameter breaks a rule; the message names it' },
  QUARTER_NOT_ENDED: { httpStatus: 400, meaning: 'A quarter can be published only after it has ended' },
  NOTHING_TO_PUBLISH: { httpStatus: 400, meaning: 'No contract was active in the quarter' },
};

export class PublicationException extends DomainException {
  constructor(code: PublicationErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details, PUBLICATION_ERROR_CODES[code]);
  }

  static notFound(what = 'Publication'): PublicationException {
    return new PublicationException(PublicationErrorCode.NOT_FOUND, `${what} not found`);
  }

  static badInput(field: string, message: string): PublicationException {
    return new PublicationException(PublicationErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }
}
