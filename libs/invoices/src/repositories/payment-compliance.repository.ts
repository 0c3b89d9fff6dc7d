import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows, SqlFilter } from '@mkt/database';
import { ComplianceRow } from './payment-compliance.row';

/** The payments compliance notice's statement: invoices in `scope` paid in each reporting period. */
@Injectable()
export class PaymentComplianceRepository {
  /**
   * Periods (1 April to 30 September, 1 October to 31 March) overlapping `range`, over the invoices
   * `scope` admits; the range's dates are appended to the filter's parameters.
   */
  periods(em: EntityManager, scope: SqlFilter, range: { from: string; to: string }): Promise<ComplianceRow[]> {
    const where = scope.where.length ? scope.where.join(' AND ') : 'TRUE';
    const from = scope.param(range.from);
    const to = scope.param(range.to);
    return queryRows<ComplianceRow>(
      em,
      `WITH scoped AS (SELECT * FROM invoice i WHERE ${where}),
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
      scope.params,
    );
  }
}
