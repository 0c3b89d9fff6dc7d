import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainException } from './domain.exception';

/**
 * The HTTP counterpart of `formatGraphQLError` for plain routes (CSV exports, publications): a
 * domain exception becomes its status and `{ "error": { code, message, ...details } }`. Once a
 * streamed body has started, the connection is cut instead, so a client never takes a truncated
 * file for a whole one.
 */
@Catch(DomainException)
export class DomainExceptionHttpFilter implements ExceptionFilter {
  catch(exception: DomainException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy(exception);
      return;
    }
    res.status(exception.httpStatus).json({ error: { ...exception.details, code: exception.code, message: exception.message } });
  }
}
