import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { DomainException } from './domain.exception';
import { classifyDatabaseError } from './database-errors';
import { SERVICE_UNAVAILABLE, ServiceUnavailableException } from './service-unavailable.exception';
import { RequestContexts } from '../context/request-context';

/** How long a client is asked to wait before retrying after a 503 (seconds). */
const RETRY_AFTER_SECONDS = '1';

/**
 * The HTTP counterpart of `formatGraphQLError` for plain routes (CSV exports, publications): a
 * domain exception becomes its status and `{ "error": { code, message, ...details } }`; a lost
 * database connection becomes the same retryable 503 SERVICE_UNAVAILABLE as in GraphQL (never a
 * 500); anything else goes to Nest's default handling (masked 500, logged). Once a streamed body
 * has started, the connection is cut instead, so a client never takes a truncated file for a
 * whole one.
 */
@Catch()
export class DomainExceptionHttpFilter extends BaseExceptionFilter {
  private readonly log = new Logger('HttpErrors');

  override catch(exception: unknown, host: ArgumentsHost): void {
    const domain = exception instanceof DomainException ? exception : asDomainException(exception);
    if (!domain || host.getType() !== 'http') {
      super.catch(exception, host);
      return;
    }
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy(exception instanceof Error ? exception : undefined);
      return;
    }
    const body: Record<string, unknown> = { ...domain.details, code: domain.code, message: domain.message };
    if (domain.code === SERVICE_UNAVAILABLE) {
      const requestId = RequestContexts.current()?.requestId;
      this.log.warn(
        `dependency unavailable on ${host.switchToHttp().getRequest<{ path?: string }>().path} (request ${requestId}): ${String(exception)}`,
      );
      body.requestId = requestId;
      res.setHeader('retry-after', RETRY_AFTER_SECONDS);
    }
    res.status(domain.httpStatus).json({ error: body });
  }
}

/** Database errors that are not the server's bug: an outage (retryable). */
function asDomainException(exception: unknown): DomainException | undefined {
  return classifyDatabaseError(exception) === 'unavailable' ? new ServiceUnavailableException() : undefined;
}
