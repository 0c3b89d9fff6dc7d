/** A row as the summaries' aggregate returns it: pence sums as text. */
export interface SpendAggregateRow {
  region_code?: string;
  pdu_code?: string;
  provider_id?: string;
  provider_name?: string | null;
  category?: string;
  income_band?: string;
  organisation_type?: string;
  financial_year?: string;
  quarter?: number;
  committed: string;
  paid: string;
  fixed_paid: string;
  outcome_paid: string;
  /** Committed in the group minus everything paid against those contracts so far. */
  outstanding: string;
  contracts: number;
  providers?: number;
  is_total: boolean;
}
