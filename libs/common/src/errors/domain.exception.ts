import { IntrinsicException } from '@nestjs/common';
import type { ErrorCodeInfo } from './error-codes';

/**
 * Base of every domain's exception type. Each domain declares one subclass with its own code enum
 * (for example `CatalogueException` with `CatalogueErrorCode`); the GraphQL boundary maps the code
 * to `extensions.code` in one place (`formatGraphQLError`). Expected business failures carry a
 * stable code; anything that is not a DomainException is treated as unexpected and masked.
 * (IntrinsicException: Nest does not log these as errors; they are the client's, not the server's.)
 */
export abstract class DomainException extends IntrinsicException {
  /** HTTP status used when the error surfaces on a plain HTTP route (CSV export, publications): from the lib's code table. */
  readonly httpStatus: number;

  protected constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | undefined,
    info: ErrorCodeInfo,
  ) {
    super(message);
    this.name = new.target.name;
    this.httpStatus = info.httpStatus;
  }
}

export enum CommonErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
}

export const COMMON_ERROR_CODES: Record<CommonErrorCode, ErrorCodeInfo> = {
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'Input that passed the schema breaks a rule no single field can express' },
  NOT_FOUND: { httpStatus: 404, meaning: 'The record does not exist or the caller may not see it' },
  CONFLICT: { httpStatus: 409, meaning: 'The record already exists, or the set it belongs to is full' },
};

/** Input that passed the schema but breaks a rule no single field can express. */
export class CommonException extends DomainException {
  constructor(code: CommonErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details, COMMON_ERROR_CODES[code]);
  }

  static badInput(message: string, field?: string): CommonException {
    return new CommonException(CommonErrorCode.BAD_USER_INPUT, message, field ? { field } : undefined);
  }

  withFields(fields: { field: string; messages: string[] }[]): CommonException {
    return new CommonException(CommonErrorCode.BAD_USER_INPUT, this.message, { ...this.details, fields });
  }

  static notFound(entity: string, id?: string): CommonException {
    return new CommonException(CommonErrorCode.NOT_FOUND, `${entity} not found`, id ? { id } : undefined);
  }
}

/**
 * For `.catch(...)` around a call whose domain error is to be answered differently (a contract the
 * caller may not see becomes "Payment not found"): only a DomainException with one of these codes
 * goes to `handle`; anything else (a lost connection, a bug) propagates unchanged, so an outage is
 * never reported as NOT_FOUND.
 */
export function onDomainError<T>(codes: string | string[], handle: (error: DomainException) => T): (error: unknown) => T {
  const wanted = Array.isArray(codes) ? codes : [codes];
  return (error: unknown) => {
    if (error instanceof DomainException && wanted.includes(error.code)) return handle(error);
    throw error;
  };
}
