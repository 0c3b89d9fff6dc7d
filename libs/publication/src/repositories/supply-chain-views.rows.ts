/** Rows of the publication views (supply_chain_*_v) the owning modules publish to this lib. */
export interface ContractRow {
  contract_id: string;
  order_id: string;
  region_code: string;
  region_name: string;
  pdu_code: string;
  pdu_name: string;
  category: string;
  start_date: string;
  end_date: string;
  status: string;
  value_pence: string;
  reporting_period: string;
  awarded_at: Date;
  provider_identifier: string;
  provider_name: string;
  provider_charity_number: string | null;
  provider_company_number: string | null;
  service_title: string;
  service_summary: string;
  pricing_unit: string;
  unit_price_pence: string;
  quantity: number;
}
export interface MeasureRow {
  measure_id: string;
  contract_id: string;
  measure_code: string;
  name: string;
  unit: string;
  direction: string;
  baseline: string;
  target: string;
  weight: number;
}
export interface ReportRow {
  contract_id: string;
  period: string;
  actuals: { measureId: string; value: string }[];
}
export interface PaymentRow {
  payment_id: string;
  contract_id: string;
  period: string;
  kind: 'FIXED' | 'OUTCOME';
  amount_pence: string;
  paid_on: string;
}
export interface SubcontractorRow {
  subcontractor_id: string;
  contract_id: string;
  parent_id: string | null;
  tier: number;
  identifier: string;
  name: string;
  charity_number: string | null;
  company_number: string | null;
  service_summary: string;
}
export interface FundingRow {
  subcontractor_id: string;
  financial_year: string;
  quarter: number;
  amount_pence: string;
}
export interface ContributionRow {
  subcontractor_id: string;
  measure_id: string;
  financial_year: string;
  quarter: number;
  value: string;
}

/** What a snapshot holds besides its contracts, each from its published view. */
export interface SnapshotRows {
  measures: MeasureRow[];
  reports: ReportRow[];
  payments: PaymentRow[];
  subs: SubcontractorRow[];
  funding: FundingRow[];
  contributions: ContributionRow[];
}
