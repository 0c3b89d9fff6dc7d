import { DomainException } from './domain.exception';
import { REQUEST_ERROR_CODES, RequestErrorCode } from './error-codes';

/** A plain string: compared with any exception's code. */
export const SERVICE_UNAVAILABLE: string = RequestErrorCode.SERVICE_UNAVAILABLE;

/** What the client is told when the database connection was lost: nothing was committed. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The service is briefly unavailable; nothing was saved. Try again.';

/**
 * A dependency (the database, the identity provider's key set) could not be reached: the request
 * did nothing and may simply be sent again. GraphQL: `extensions { code: SERVICE_UNAVAILABLE,
 * retryable: true }`; plain HTTP routes: status 503 with Retry-After.
 */
export class ServiceUnavailableException extends DomainException {
  constructor(
    message = DATABASE_UNAVAILABLE_MESSAGE,
    readonly dependency: 'database' | 'identityProvider' = 'database',
  ) {
    super(SERVICE_UNAVAILABLE, message, { retryable: true }, REQUEST_ERROR_CODES[RequestErrorCode.SERVICE_UNAVAILABLE]);
  }

  /** `cause` (what failed: a timeout, an HTTP status) is kept for the log, never shown to the client. */
  static identityProvider(cause?: unknown): ServiceUnavailableException {
    const exception = new ServiceUnavailableException(
      'The identity provider cannot be reached to check the token; nothing was done. Try again.',
      'identityProvider',
    );
    if (cause !== undefined) exception.cause = cause;
    return exception;
  }
}
