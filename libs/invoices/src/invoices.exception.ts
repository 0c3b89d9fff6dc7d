import { DomainException, type ErrorCodeInfo } from '@mkt/common';

export enum InvoicesErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_STATE = 'INVALID_STATE',
  INVOICE_NUMBER_TAKEN = 'INVOICE_NUMBER_TAKEN',
  INVOICE_EXCEEDS_DUE = 'INVOICE_EXCEEDS_DUE',
  INVOICE_NOT_DUE = 'INVOICE_NOT_DUE',
  SEPARATION_OF_DUTIES = 'SEPARATION_OF_DUTIES',
}

/** What each code means; its HTTP status is used on plain HTTP routes. docs/errors.md is generated from this. */
export const INVOICES_ERROR_CODES: Record<InvoicesErrorCode, ErrorCodeInfo> = {
  NOT_FOUND: { httpStatus: 404, meaning: 'The invoice (or its contract) does not exist or the caller may not see it' },
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'An invoice field breaks a rule; the message names the field' },
  INVALID_STATE: { httpStatus: 400, meaning: 'The invoice’s status does not allow this step (e.g. paying an invoice not approved)' },
  INVOICE_NUMBER_TAKEN: { httpStatus: 400, meaning: 'The provider has already submitted a different invoice with this number' },
  INVOICE_EXCEEDS_DUE: { httpStatus: 400, meaning: 'The invoice asks for more than is due for the period, less what is paid or already invoiced' },
  INVOICE_NOT_DUE: { httpStatus: 400, meaning: 'Nothing is due to invoice yet: instalments are invoiced in arrears, outcome payments once earned' },
  SEPARATION_OF_DUTIES: { httpStatus: 400, meaning: 'The commissioner who approved an invoice may not also pay it' },
};

export class InvoicesException extends DomainException {
  constructor(code: InvoicesErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details, INVOICES_ERROR_CODES[code]);
  }

  static notFound(): InvoicesException {
    return new InvoicesException(InvoicesErrorCode.NOT_FOUND, 'Invoice not found');
  }

  static badInput(field: string, message: string): InvoicesException {
    return new InvoicesException(InvoicesErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }
}
