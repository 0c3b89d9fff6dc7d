import { Injectable } from '@nestjs/common';
import { type Principal } from '@mkt/auth';
import { Clock, Money, PAYMENT_COMPLIANCE_MAX_YEARS, penceFromDb, RequestLoaders } from '@mkt/common';
import { TransactionRunner } from '@mkt/database';
import { PaymentComplianceFilter } from '../dtos/invoice.inputs';
import { PaymentCompliancePeriodView } from '../dtos/invoice.types';
import { InvoicesException } from '../invoices.exception';
import { PaymentComplianceRepository } from '../repositories/payment-compliance.repository';
import { ComplianceRow } from '../repositories/payment-compliance.row';
import { InvoicesService } from './invoices.service';

/**
 * The payments compliance notice's figures, per six-month reporting period (1 April to 30
 * September, 1 October to 31 March), computed in SQL from the invoices paid in each period. Days
 * run from receipt to payment; "within term" means paid by the invoice's pay-by date. The rules
 * are the ones in rules/payment-compliance.ts (the e2e test checks the two agree).
 */
@Injectable()
export class PaymentComplianceService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly invoices: InvoicesService,
    private readonly compliance: PaymentComplianceRepository,
    private readonly clock: Clock,
  ) {}

  async periods(viewer: Principal, loaders: RequestLoaders, filter: PaymentComplianceFilter): Promise<PaymentCompliancePeriodView[]> {
    const f = await this.invoices.visible(viewer, loaders);
    f.addIf(filter.regionCodes, 'i.region_code = ANY(?)');
    const rows = await this.compliance.periods(this.db.reader, f, this.range(filter));
    return rows.map(toView);
  }

  /** The dates asked for: by default the last PAYMENT_COMPLIANCE_MAX_YEARS years to today, never a wider span. */
  private range(filter: PaymentComplianceFilter): { from: string; to: string } {
    const to = filter.to ?? this.clock.today();
    const from = filter.from ?? `${Number(to.slice(0, 4)) - PAYMENT_COMPLIANCE_MAX_YEARS}${to.slice(4)}`;
    if (from > to) throw InvoicesException.badInput('from', 'must not be after to');
    if (from < `${Number(to.slice(0, 4)) - PAYMENT_COMPLIANCE_MAX_YEARS}${to.slice(4)}`)
      throw InvoicesException.badInput('from', `the range may span at most ${PAYMENT_COMPLIANCE_MAX_YEARS} years`);
    return { from, to };
  }
}

const percent = (part: string, whole: string) => (Number(whole) ? Math.round((Number(part) / Number(whole)) * 1000) / 10 : 0);

function toView(row: ComplianceRow): PaymentCompliancePeriodView {
  return {
    periodStart: row.period_start,
    periodEnd: row.period_end,
    invoicesPaid: Number(row.paid),
    averageDaysToPay: row.average_days === null ? null : Number(row.average_days),
    paidWithinTermPercent: percent(row.within_term, row.paid),
    paidWithin30DaysPercent: percent(row.within_30, row.paid),
    paidIn31To60DaysPercent: percent(row.from_31_to_60, row.paid),
    paidAfter60DaysPercent: percent(row.over_60, row.paid),
    grossPaid: Money.of(penceFromDb(row.gross_paid)),
    overdueUnpaid: Number(row.overdue_unpaid),
  };
}
