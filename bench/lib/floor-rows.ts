/** The rows the floors read (as `pg` returns them: bigint and numeric as strings) and the inputs they take. */
export interface OrderRow {
  id: string;
  status: string;
  request_hash: string;
  total_pence: string;
  unit_price_pence: string;
  /** The rest is copied into the audit snapshot as it comes. */
  [column: string]: unknown;
}
export interface OfferRow {
  id: string;
  status: string;
  version: number;
  provider_id: string;
  category: string;
  pdu_codes: string[];
  pricing_unit: string;
  unit_price_pence: string;
  title: string;
  outcome_commitments: { measureCode: string; measureName: string; unit: string; direction: string; expectedRate: number }[];
}
export interface OrganisationRow {
  id: string;
  identifier: string;
  legal_name: string;
  organisation_type: string;
  income_band: string;
  region_codes: string[];
  verified: boolean;
}
export interface PlaceOrderInput {
  offerId: string;
  pduCode: string;
  quantity: number;
  startDate: string;
  endDate: string;
  idempotencyKey: string;
  outcomeTargets?: unknown;
  outcomeSharePercent?: number;
  reportingPeriod?: string;
  awardRationale?: string;
  conflictOfInterestDeclared?: boolean;
  note?: string;
}

export interface SpendRow {
  region_code: string | null;
  provider_id: string | null;
  financial_year: string | null;
  quarter: number | null;
  committed: string;
  paid: string;
  contracts: number;
  is_total: boolean;
}
