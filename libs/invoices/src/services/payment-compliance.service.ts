import { Injectable } from '@nestjs/common';
import { type Principal } from '@mkt/auth';
import { Clock, Money, PAYMENT_COMPLIANCE_MAX_YEARS, penceFromDb, RequestLoaders } from '@mkt/common';
import { queryRows, TransactionRunner } from '@mkt/database';
import { PaymentComplianceFilter } from '../dtos/invoice.inputs';
import { PaymentCompliancePeriodView } from '../dtos/invoice.types';
import { InvoicesException } from '../invoices.exception';
import { InvoicesService } from './invoices.service';

interface ComplianceRow {
  period_start: string;
  period_end: string;
  paid: string;
  average_days: string | null;
  within_term: string;
  within_30: string;
  from_31_to_60: string;
  over_60: string;
  gross_paid: string;
  overdue_unpaid: string;
}

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
    private readonly clock: Clock,
  ) {}

  async periods(viewer: Principal, loaders: RequestLoaders, filter: PaymentComplianceFilter): Promise<PaymentCompliancePeriodView[]> {
    const f = await this.invoices.visible(viewer, loaders);
    f.addIf(filter.regionCodes, 'i.region_code = ANY(?)');
    const scope = f.where.length ? f.where.join(' AND ') : 'TRUE';
    const { from: first, to: last } = this.range(filter);
    const from = f.param(first);
    const to = f.param(last);
    const rows = await queryRows<ComplianceRow>(
      this.db.reader,
      `WITH scoped AS (SELECT * FROM invoice i WHERE ${scope}),
       paid AS (
         SELECT s.*, s.paid_on - s.received_on AS days,
           CASE WHEN extract(month FROM s.paid_on) BETWEEN 4 AND 9 THEN make_date(extract(year FROM s.paid_on)::int, 4, 1)
                ELSE make_date(extract(year FROM s.paid_on - interval '3 months')::int, 10, 1) END AS period_start
         FROM scoped s WHERE s.paid_on IS NOT NULL),
       periods AS (SELECT p.*, (p.period_start + interval '6 months - 1 day')::date AS period_end FROM paid p)
       SELECT period_start::text AS period_start, period_end::text AS period_end, count(*)::text AS paid,
         round(avg(days), 1)::text AS average_days,
         count(*) FILTER (WHERE paid_on <= due_on)::text AS within_term,
         count(*) FILTER (WHERE days <= 30)::text AS within_30,
         count(*) FILTER (WHERE days BETWEEN 31 AND 60)::text AS from_31_to_60,
         count(*) FILTER (WHERE days > 60)::text AS over_60,
         sum(gross_pence)::text AS gross_paid,
         (SELECT count(*) FROM scoped o WHERE o.status IN ('SUBMITTED', 'APPROVED') AND o.due_on < periods.period_end)::text AS overdue_unpaid
       FROM periods
       WHERE period_end >= ${from}::date AND period_start <= ${to}::date
       GROUP BY period_start, period_end ORDER BY period_start`,
      f.params,
    );
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
