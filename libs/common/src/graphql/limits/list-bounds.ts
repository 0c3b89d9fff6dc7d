import { MAX_CONTRACT_FINANCIAL_YEARS, MAX_CONTRACT_MONTHS, MAX_CONTRACT_QUARTERS } from '../../time/contract-horizon';

/**
 * The most items each list field of the schema can hold: what the GraphQL cost analysis multiplies
 * by (see query-analysis), and what the services enforce when the data is written. One table, so
 * a bound and its enforcement are found together; apps/api/test/graphql-limits.e2e-spec.ts fails
 * when a list of objects appears in the schema without a bound here or a page size (`first`).
 */

/** Outcome measures on an offer, an order and so a contract (the inputs' @ArrayMaxSize). */
export const MAX_OUTCOME_MEASURES_PER_CONTRACT = 20;
/** Versions of a contract's terms: each variation adds one; varyContract refuses past this. */
export const MAX_CONTRACT_VERSIONS = 100;
/** Versions of a service offer: each update adds one; updateServiceOffer refuses past this. */
export const MAX_OFFER_VERSIONS = 100;
/** Entries of a contract's payment ledger (payments and reversals); recordPayment and reversePayment refuse past this. */
export const MAX_PAYMENT_LEDGER_ENTRIES = 500;
/** Tier 2 and 3 subcontractors declared on one contract; declareSubcontractor refuses past this. */
export const MAX_SUBCONTRACTORS_PER_CONTRACT = 25;
/** Measures in the outcome-measure library (46 seeded); createOutcomeMeasure refuses past this. */
export const MAX_OUTCOME_MEASURES = 200;
/** Reference data, frozen in migrations: 12 regions, at most 18 PDUs in one (London). */
export const MAX_REGIONS = 12;
export const MAX_PDUS_PER_REGION = 18;

export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  'Contract.outcomeMeasures': MAX_OUTCOME_MEASURES_PER_CONTRACT,
  // One period per month at most (monthly reporting), within the contract horizon.
  'Contract.schedule': MAX_CONTRACT_MONTHS,
  // One report per period (unique contract and period).
  'Contract.performanceReports': MAX_CONTRACT_MONTHS,
  'Contract.ratings': MAX_CONTRACT_FINANCIAL_YEARS,
  'Contract.payments': MAX_PAYMENT_LEDGER_ENTRIES,
  'Contract.subcontractors': MAX_SUBCONTRACTORS_PER_CONTRACT,
  'Contract.versions': MAX_CONTRACT_VERSIONS,
  'Order.outcomeTargets': MAX_OUTCOME_MEASURES_PER_CONTRACT,
  'PerformanceReport.actuals': MAX_OUTCOME_MEASURES_PER_CONTRACT,
  // One amount per quarter, the quarter within the contract's period.
  'Subcontractor.fundingPassedDown': MAX_CONTRACT_QUARTERS,
  // One value per measure and quarter.
  'Subcontractor.contributions': MAX_CONTRACT_QUARTERS * MAX_OUTCOME_MEASURES_PER_CONTRACT,
  'ServiceOffer.outcomeCommitments': MAX_OUTCOME_MEASURES_PER_CONTRACT,
  'ServiceOfferVersion.outcomeCommitments': MAX_OUTCOME_MEASURES_PER_CONTRACT,
  'ServiceOffer.versions': MAX_OFFER_VERSIONS,
  'Query.regions': MAX_REGIONS,
  'Region.pdus': MAX_PDUS_PER_REGION,
  'Query.outcomeMeasures': MAX_OUTCOME_MEASURES,
  // One share per value of the IncomeBand (4) and OrganisationType (7) enums.
  'SpendInclusion.byIncomeBand': 4,
  'SpendInclusion.byOrganisationType': 7,
};

/**
 * Report rows (one per group of the requested keys) and directorate lists whose size follows the
 * data with no bound of its own yet: costed at the default list size. Known gap, kept visible here.
 */
export const UNBOUNDED_REPORT_LISTS: readonly string[] = [
  'SpendResult.rows',
  'SustainabilityGap.rows',
  'SpendInclusionReport.rows',
  'Query.budgets',
  'Query.costPerOutcome',
];
