import { MAX_CONTRACT_FINANCIAL_YEARS, MAX_CONTRACT_MONTHS, MAX_CONTRACT_QUARTERS } from '../../time/contract-horizon';
import type { ArgumentBound, FieldArguments } from './query-analysis';

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
/** Variations proposed on one contract (agreed, rejected or withdrawn); varyContract refuses to propose past this. */
export const MAX_CONTRACT_VARIATIONS = 100;
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
export const MAX_PDUS = 109;
/** Values of the enums reports group by (apps/api/test/graphql-limits.e2e-spec.ts checks them against the schema). */
export const SERVICE_CATEGORIES = 8;
export const INCOME_BANDS = 4;
export const ORGANISATION_TYPES = 7;
const QUARTERS_PER_YEAR = 4;
/** The widest range paymentCompliance reports on (its filter refuses more). */
export const PAYMENT_COMPLIANCE_MAX_YEARS = 10;

export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  'Contract.outcomeMeasures': MAX_OUTCOME_MEASURES_PER_CONTRACT,
  // One period per month at most (monthly reporting), within the contract horizon.
  'Contract.schedule': MAX_CONTRACT_MONTHS,
  // One report per period (unique contract and period).
  'Contract.performanceReports': MAX_CONTRACT_MONTHS,
  'Contract.ratings': MAX_CONTRACT_FINANCIAL_YEARS,
  'Contract.outcomeAchievement': MAX_CONTRACT_FINANCIAL_YEARS,
  'Contract.payments': MAX_PAYMENT_LEDGER_ENTRIES,
  'Contract.subcontractors': MAX_SUBCONTRACTORS_PER_CONTRACT,
  'Contract.versions': MAX_CONTRACT_VERSIONS,
  'Contract.variations': MAX_CONTRACT_VARIATIONS,
  // One commitment per financial year the contract (the order) reaches.
  'Contract.budgetPhases': MAX_CONTRACT_FINANCIAL_YEARS,
  'Order.budgetPhases': MAX_CONTRACT_FINANCIAL_YEARS,
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
  // Six-month reporting periods in the range asked, which may span at most PAYMENT_COMPLIANCE_MAX_YEARS.
  'Query.paymentCompliance': PAYMENT_COMPLIANCE_MAX_YEARS * 2 + 1,
};

/**
 * Value objects: a `Money` has only scalar fields and no identity, it is two columns of the row
 * holding it, so it counts 0 in the cost (a spend row costs 1 whatever figures it selects).
 */
export const VALUE_OBJECT_TYPES: readonly string[] = ['Money'];

/**
 * How many values a key can take in a report: the filter's values for it when the filter lists
 * them, else all of them; keys with no bound of their own (financial years, providers) the cap.
 */
function values(args: FieldArguments, filterField: string, all: number): number {
  const listed = args.list(`filter.${filterField}`);
  // An empty list filters nothing (see whereClause in libs/spend); a variable may hold any values.
  return Array.isArray(listed) && listed.length ? Math.min(new Set(listed).size, all) : all;
}

const atMost = (cap: number, ...factors: number[]) => factors.reduce((product, n) => Math.min(product * n, cap), 1);

/** Rows of a spend or sustainability-gap grouping: the product of its keys' values, at most the cap. */
function groupRows(args: FieldArguments, cap: number): number {
  const listed = args.list('groupBy');
  if (listed === 'variable') return cap;
  const groupBy = new Set(listed ?? []);
  // No key: only the totals, no rows.
  if (!groupBy.size) return 0;
  const perKey = [...groupBy].map((key): number => {
    switch (key) {
      case 'REGION':
        return values(args, 'regionCodes', MAX_REGIONS);
      case 'PDU':
        return values(args, 'pduCodes', MAX_PDUS);
      case 'CATEGORY':
        return values(args, 'categories', SERVICE_CATEGORIES);
      case 'INCOME_BAND':
        return values(args, 'incomeBands', INCOME_BANDS);
      case 'ORGANISATION_TYPE':
        return values(args, 'organisationTypes', ORGANISATION_TYPES);
      case 'FINANCIAL_YEAR':
        return values(args, 'financialYears', cap);
      case 'FINANCIAL_QUARTER':
        // A quarter carries its year: grouped by the year as well, the year is counted there.
        return values(args, 'quarters', QUARTERS_PER_YEAR) * (groupBy.has('FINANCIAL_YEAR') ? 1 : values(args, 'financialYears', cap));
      case 'PROVIDER':
        return values(args, 'providerIds', cap);
      default:
        return cap;
    }
  });
  return atMost(cap, ...perKey);
}

/**
 * The report lists, bounded by their arguments and by REPORT_MAX_ROWS (`cap`), which the report
 * services enforce (REPORT_TOO_LARGE past it): see CostModel.argumentBounds.
 */
export function reportListBounds(cap: number): Readonly<Record<string, ArgumentBound>> {
  return {
    'Query.spend': (args) => groupRows(args, cap),
    'Query.sustainabilityGap': (args) => groupRows(args, cap),
    // One row per region and financial year.
    'Query.spendInclusion': (args) => atMost(cap, values(args, 'regionCodes', MAX_REGIONS), values(args, 'financialYears', cap)),
    // A pot per region, year and category, and the general pot of the region and year.
    'Query.budgets': (args) => atMost(cap, values(args, 'regionCodes', MAX_REGIONS), values(args, 'financialYears', cap), SERVICE_CATEGORIES + 1),
    // One row per region and financial year, over its pots.
    'Query.forecastOutturn': (args) => atMost(cap, values(args, 'regionCodes', MAX_REGIONS), values(args, 'financialYears', cap)),
    'Query.costPerOutcome': (args) => atMost(cap, MAX_OUTCOME_MEASURES, values(args, 'categories', SERVICE_CATEGORIES)),
  };
}
