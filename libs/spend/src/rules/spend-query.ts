import { SpendFilter, SpendGroupKey } from '../dtos/spend.inputs';

/**
 * Builds the aggregate SQL over the spend summaries. Pure: the same filter and grouping always give
 * the same statement, which the GraphQL queries, the CSV export and the benchmark share.
 */

/** Summary columns per group key (FINANCIAL_QUARTER carries its year). */
const KEY_COLUMNS: Record<SpendGroupKey, string[]> = {
  [SpendGroupKey.REGION]: ['region_code'],
  [SpendGroupKey.PDU]: ['pdu_code'],
  [SpendGroupKey.PROVIDER]: ['provider_id'],
  [SpendGroupKey.CATEGORY]: ['category'],
  [SpendGroupKey.INCOME_BAND]: ['income_band'],
  [SpendGroupKey.ORGANISATION_TYPE]: ['organisation_type'],
  [SpendGroupKey.FINANCIAL_YEAR]: ['financial_year'],
  [SpendGroupKey.FINANCIAL_QUARTER]: ['financial_year', 'quarter'],
};

/** Filter fields, their summary column and SQL array type. */
const FILTER_COLUMNS: { field: keyof SpendFilter; column: string; type: string; fineOnly?: boolean }[] = [
  { field: 'financialYears', column: 'financial_year', type: 'text[]' },
  { field: 'quarters', column: 'quarter', type: 'smallint[]' },
  { field: 'regionCodes', column: 'region_code', type: 'text[]' },
  { field: 'pduCodes', column: 'pdu_code', type: 'text[]', fineOnly: true },
  { field: 'categories', column: 'category', type: 'text[]', fineOnly: true },
  { field: 'providerIds', column: 'provider_id', type: 'uuid[]' },
  { field: 'incomeBands', column: 'income_band', type: 'text[]' },
  { field: 'organisationTypes', column: 'organisation_type', type: 'text[]' },
];

/** The two summaries have the same measures; the roll-up has no PDU or category. */
export const FINE_SUMMARY = 'spend_contract_quarter';
export const ROLLUP_SUMMARY = 'spend_provider_quarter';

export type Measures = 'spend' | 'sustainability';

/** The spend figures a query may ask for (GraphQL field names), each with its aggregate. */
export const SPEND_FIGURES = {
  // Integer sums of pence (exact numeric), formatted as money by the money module.
  committed: 'coalesce(sum(s.committed_pence), 0)::text AS committed',
  paid: 'coalesce(sum(s.fixed_paid_pence + s.outcome_paid_pence), 0)::text AS paid',
  fixedPaid: 'coalesce(sum(s.fixed_paid_pence), 0)::text AS fixed_paid',
  outcomePaid: 'coalesce(sum(s.outcome_paid_pence), 0)::text AS outcome_paid',
  outstanding: 'coalesce(sum(s.committed_pence - s.settled_pence), 0)::text AS outstanding',
  contracts: 'coalesce(sum(s.contracts_started), 0)::int AS contracts',
} as const;
export type SpendFigure = keyof typeof SPEND_FIGURES;
export const ALL_SPEND_FIGURES = Object.keys(SPEND_FIGURES) as SpendFigure[];

const MEASURE_SQL: Record<Measures, string[]> = {
  spend: Object.values(SPEND_FIGURES),
  sustainability: [
    'coalesce(sum(s.contracts_started), 0)::int AS contracts',
    'coalesce(sum(s.contracts_below_cost), 0)::int AS contracts_below_cost',
    'coalesce(sum(s.committed_pence), 0)::text AS committed',
    'coalesce(sum(s.full_cost_pence), 0)::text AS full_cost',
    'coalesce(sum(s.shortfall_pence), 0)::text AS shortfall',
  ],
};

/** A provider counts as funded in a group when money was committed to it or paid to it there. */
const FUNDED = '(s.committed_pence <> 0 OR s.fixed_paid_pence <> 0 OR s.outcome_paid_pence <> 0)';
/** Grouped by provider, a group has one provider: no distinct count needed. */
const ONE_PROVIDER = `(coalesce(bool_or(${FUNDED}), false))::int AS providers`;
/** Otherwise providers are counted over a first aggregation per group and provider (two hash aggregates, no sort). */
const SPEND_COLUMNS = ['committed_pence', 'settled_pence', 'fixed_paid_pence', 'outcome_paid_pence', 'contracts_started'];

/** SQL types of the key columns, for the totals row's NULLs. */
const COLUMN_TYPES: Record<string, string> = {
  region_code: 'text',
  pdu_code: 'text',
  provider_id: 'uuid',
  category: 'text',
  income_band: 'text',
  organisation_type: 'text',
  financial_year: 'text',
  quarter: 'smallint',
};

export interface SpendQueryOptions {
  filter: SpendFilter;
  groupBy: SpendGroupKey[];
  /** Regions the caller may see; undefined means all. */
  regions?: string[];
  measures: Measures;
  /** Distinct provider counts force a sorted aggregate: only when asked for. */
  withProviders: boolean;
  /** Adds the totals row (GROUPING SETS); the CSV export streams rows only. */
  withTotals: boolean;
  /**
   * For spend measures, the figures to compute (default all): each sum costs a numeric
   * aggregate and its text per group, which on thousands of groups is most of the statement's time.
   */
  figures?: SpendFigure[];
  /**
   * Most group rows to return (the report cap + 1, so the caller can tell "more than the cap"); the
   * totals row is computed apart and always there. Unset: every row (the CSV export streams them).
   */
  rowLimit?: number;
}

export interface SpendQuery {
  sql: string;
  params: unknown[];
  table: string;
  columns: string[];
}

export function groupColumns(groupBy: SpendGroupKey[]): string[] {
  return [...new Set(groupBy.flatMap((key) => KEY_COLUMNS[key]))];
}

/** The roll-up answers unless the query needs a PDU or a category. */
export function summaryFor(filter: SpendFilter, groupBy: SpendGroupKey[]): string {
  const needsFine =
    groupBy.some((k) => k === SpendGroupKey.PDU || k === SpendGroupKey.CATEGORY) ||
    FILTER_COLUMNS.some((f) => f.fineOnly && present(filter[f.field]));
  return needsFine ? FINE_SUMMARY : ROLLUP_SUMMARY;
}

function present(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
}

/** WHERE conditions on summary (or outcome view) columns named like the summaries'. */
export function whereClause(filter: SpendFilter, regions: string[] | undefined, params: unknown[], alias = 's'): string {
  const where: string[] = [];
  for (const f of FILTER_COLUMNS) {
    const value = filter[f.field];
    if (!present(value)) continue;
    params.push(value);
    where.push(`${alias}.${f.column} = ANY($${params.length}::${f.type})`);
  }
  if (regions) {
    params.push(regions);
    where.push(`${alias}.region_code = ANY($${params.length}::text[])`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/**
 * Rows (hash-aggregated) and, when asked, the totals row in one statement. Codes sort in byte
 * order (COLLATE "C"), which for our ASCII codes is their natural order and much cheaper than a
 * linguistic sort; provider names sort the same way.
 */
export function buildSpendQuery(options: SpendQueryOptions): SpendQuery {
  const { filter, groupBy, regions, measures, withProviders, withTotals } = options;
  const measureSql = measures === 'spend' ? spendFigureSql(options.figures) : MEASURE_SQL[measures];
  const table = summaryFor(filter, groupBy);
  const columns = groupColumns(groupBy);
  const params: unknown[] = [];
  const where = whereClause(filter, regions, params);
  const source = `${table} s ${where}`;
  const keyList = columns.map((c) => `s.${c}`);
  const parts: string[] = [];
  if (columns.length) {
    const groupList = keyList.join(', ');
    if (!withProviders) {
      parts.push(`SELECT ${[...keyList, ...measureSql, 'false AS is_total'].join(', ')} FROM ${source} GROUP BY ${groupList}`);
    } else if (columns.includes('provider_id')) {
      parts.push(`SELECT ${[...keyList, ...measureSql, ONE_PROVIDER, 'false AS is_total'].join(', ')} FROM ${source} GROUP BY ${groupList}`);
    } else {
      if (measures !== 'spend') throw new Error('providers are counted for spend measures only');
      const perProvider = `SELECT ${[...keyList, 's.provider_id', ...SPEND_COLUMNS.map((c) => `sum(s.${c}) AS ${c}`), `bool_or(${FUNDED}) AS funded`].join(', ')}
        FROM ${source} GROUP BY ${groupList}, s.provider_id`;
      parts.push(
        `SELECT ${[...keyList, ...measureSql, 'count(*) FILTER (WHERE s.funded)::int AS providers', 'false AS is_total'].join(', ')}
         FROM (${perProvider}) s GROUP BY ${groupList}`,
      );
    }
  }
  if (options.rowLimit !== undefined && parts.length) {
    // Limits the groups only: the totals part of the UNION stays whole (parenthesised apart).
    parts[0] = `(${parts[0]} LIMIT ${Math.floor(options.rowLimit)})`;
  }
  if (withTotals || !columns.length) {
    const nulls = columns.map((c) => `NULL::${COLUMN_TYPES[c]} AS ${c}`);
    const providers = `(SELECT count(*) FILTER (WHERE x.funded) FROM (SELECT bool_or(${FUNDED}) AS funded FROM ${source} GROUP BY s.provider_id) x)::int AS providers`;
    parts.push(`SELECT ${[...nulls, ...measureSql, ...(withProviders ? [providers] : []), 'true AS is_total'].join(', ')} FROM ${source}`);
  }

  const withNames = columns.includes('provider_id');
  const text = (c: string) => (COLUMN_TYPES[c] === 'text' ? `g.${c} COLLATE "C"` : `g.${c}`);
  const order = [
    'g.is_total',
    ...groupBy.flatMap((key) => (key === SpendGroupKey.PROVIDER ? ['p.legal_name COLLATE "C"', 'g.provider_id'] : KEY_COLUMNS[key].map(text))),
  ];
  const sql = `SELECT g.*${withNames ? ', p.legal_name AS provider_name' : ''}
    FROM (${parts.join(' UNION ALL ')}) g ${withNames ? 'LEFT JOIN spend_provider_v p ON p.provider_id = g.provider_id' : ''}
    ORDER BY ${[...new Set(order)].join(', ')}`;
  return { sql, params, table, columns };
}

/**
 * The asked-for figures in a fixed order (so one selection always gives one statement). The
 * contract count is always there: it is cheap, and it keeps the totals part an aggregate (one
 * row) when nothing else is asked for.
 */
function spendFigureSql(figures: SpendFigure[] = ALL_SPEND_FIGURES): string[] {
  const wanted = new Set<SpendFigure>([...figures, 'contracts']);
  return ALL_SPEND_FIGURES.filter((f) => wanted.has(f)).map((f) => SPEND_FIGURES[f]);
}
