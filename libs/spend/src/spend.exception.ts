import { DomainException } from '@mkt/common';

export enum SpendErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  FORBIDDEN = 'FORBIDDEN',
  REPORT_TOO_LARGE = 'REPORT_TOO_LARGE',
}

export class SpendException extends DomainException {
  constructor(code: SpendErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
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
