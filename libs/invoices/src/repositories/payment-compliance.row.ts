/** One six-month reporting period of the payments compliance notice, as counted in SQL (numbers as text). */
export interface ComplianceRow {
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
