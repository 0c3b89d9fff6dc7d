import { SpendRow } from '../lib/floor-rows';
import { amount } from '../lib/sql-client';
import { FloorContext, FloorVariables } from './types';

// W3 spend: national, grouped by region, provider and quarter, for the current financial year
// (3,600 groups on the large data set; all five years would be 22,000 rows and 8 MB of JSON, a
// download rather than a query). The floor runs the statement the app's spend service builds
// (buildSpendQuery in libs/spend/src/rules/spend-query.ts, captured for this filter, grouping and
// selection: the app computes only the figures a query selects) in the same transaction shape: SET LOCAL work_mem, the aggregate, COMMIT.

export const SPEND = `query W3Spend($years: [String!]!) {
  spend(filter: { financialYears: $years }, groupBy: [REGION, PROVIDER, FINANCIAL_QUARTER]) {
    rows { regionCode providerId financialYear quarter committed { amount } paid { amount } }
    totals { committed { amount } paid { amount } contracts }
  }
}`;

/** The statement the app sends for W3, with $1 = the financial years. */
const SPEND_FLOOR_SQL = `SELECT g.*, p.legal_name AS provider_name
    FROM (SELECT s.region_code, s.provider_id, s.financial_year, s.quarter, coalesce(sum(s.committed_pence), 0)::text AS committed, coalesce(sum(s.fixed_paid_pence + s.outcome_paid_pence), 0)::text AS paid, coalesce(sum(s.contracts_started), 0)::int AS contracts, false AS is_total FROM spend_provider_quarter s WHERE s.financial_year = ANY($1::text[]) GROUP BY s.region_code, s.provider_id, s.financial_year, s.quarter UNION ALL SELECT NULL::text AS region_code, NULL::uuid AS provider_id, NULL::text AS financial_year, NULL::smallint AS quarter, coalesce(sum(s.committed_pence), 0)::text AS committed, coalesce(sum(s.fixed_paid_pence + s.outcome_paid_pence), 0)::text AS paid, coalesce(sum(s.contracts_started), 0)::int AS contracts, true AS is_total FROM spend_provider_quarter s WHERE s.financial_year = ANY($1::text[])) g LEFT JOIN spend_provider_v p ON p.provider_id = g.provider_id
    ORDER BY g.is_total, g.region_code COLLATE "C", p.legal_name COLLATE "C", g.provider_id, g.financial_year COLLATE "C", g.quarter`;

export async function spendFloor(ctx: FloorContext, variables: FloorVariables) {
  const result = await ctx.db.transaction(async (q) => {
    await q(`SET LOCAL work_mem = '64MB'`);
    return q<SpendRow>(SPEND_FLOOR_SQL, [variables.years]);
  });
  const rows = result.filter((r) => !r.is_total);
  const totals: Partial<SpendRow> = result.find((r) => r.is_total) ?? {};
  return {
    spend: {
      rows: rows.map((r) => ({
        regionCode: r.region_code,
        providerId: r.provider_id,
        financialYear: r.financial_year,
        quarter: r.quarter,
        committed: { amount: amount(r.committed) },
        paid: { amount: amount(r.paid) },
      })),
      totals: {
        committed: { amount: amount(totals.committed ?? '0') },
        paid: { amount: amount(totals.paid ?? '0') },
        contracts: Number(totals.contracts ?? 0),
      },
    },
  };
}
