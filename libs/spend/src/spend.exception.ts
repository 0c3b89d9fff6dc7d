import { DomainException, type ErrorCodeInfo } from '@mkt/common';

export enum SpendErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  FORBIDDEN = 'FORBIDDEN',
  REPORT_TOO_LARGE = 'REPORT_TOO_LARGE',
}

/** What each code means; its HTTP status is used on plain HTTP routes. docs/errors.md is generated from this. */
export const SPEND_ERROR_CODES: Record<SpendErrorCode, ErrorCodeInfo> = {
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'A report filter breaks a rule; the message names the field' },
  FORBIDDEN: { httpStatus: 403, meaning: 'The caller may not see this report or filter' },
  REPORT_TOO_LARGE: { httpStatus: 400, meaning: 'More rows than REPORT_MAX_ROWS; narrow the filter or use the CSV export (`max` is the cap)' },
};

export class SpendException extends DomainException {
  constructor(code: SpendErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details, SPEND_ERROR_CODES[code]);
  }

  static badInput(field: string, message: string): SpendException {
    return new SpendException(SpendErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }

  /** More groups than REPORT_MAX_ROWS: nothing is returned rather than a cut-off table that looks complete. */
  static reportTooLarge(report: string, max: number, csv?: string): SpendException {
    const export_ = csv ? `, or download the CSV export (${csv}), which has no limit` : '';
    return new SpendException(
      SpendErrorCode.REPORT_TOO_LARGE,
      `${report} has more than ${max} rows: narrow the filter or group by fewer keys${export_}`,
      { max },
    );
  }

  static forbidden(message: string, field?: string): SpendException {
    return new SpendException(SpendErrorCode.FORBIDDEN, message, field ? { field } : undefined);
  }
}
