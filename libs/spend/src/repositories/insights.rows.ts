/** A row of the inclusion statement: one grouping set's sums (pence as text). */
export interface InclusionRow {
  region_code: string | null;
  financial_year: string | null;
  income_band: string | null;
  organisation_type: string | null;
  grouping: number;
  committed: string;
  paid: string;
  providers: number;
  providers_under_1m: number;
}

/** A published offer priced below its provider's declared full cost (spend_offer_cost_v with the provider's name). */
export interface UnderpricedOfferRow {
  seq: string;
  offer_id: string;
  version: number;
  title: string;
  category: string;
  region_codes: string[];
  provider_id: string;
  legal_name: string;
  pricing_unit: string;
  unit_price_pence: string;
  declared_full_cost_pence: string;
  gap_per_unit_pence: string;
}

/** Cost per outcome for one measure and category: `cost_x100` is pence x weight (weights are percentages). */
export interface CostPerOutcomeRow {
  measure_code: string;
  measure_name: string;
  category: string;
  contracts: number;
  periods: number;
  targets_met: number;
  outcomes: string;
  cost_x100: string;
}
