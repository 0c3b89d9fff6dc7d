import { Injectable } from '@nestjs/common';
import { ConnectionShape, divideRounded, Money } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { fetchKeysetPage, queryRows, SqlFilter, TransactionRunner } from '@mkt/database';
import { IncomeBand, OrganisationType } from '@mkt/organisations';
import { ServiceCategory } from '@mkt/reference';
import { SpendFilter, SpendGroupKey, UnderpricedOffersFilter } from '../dtos/spend.inputs';
import {
  CostPerOutcomeView,
  InclusionShareView,
  SpendInclusionReportView,
  SpendInclusionView,
  SustainabilityGapView,
  SustainabilityTotalsView,
  UnderpricedOfferView,
} from '../dtos/spend.types';
import { buildSpendQuery, summaryFor, whereClause } from '../rules/spend-query';
import { pence, scaledDecimal, share } from '../rules/shares';
import { SpendException } from '../spend.exception';
import { spendRegions } from './spend-access';
import { checkGroupBy, groupKeysOf, SpendAggregateRow, SpendService } from './spend.service';

const UNDER_1M: string[] = [IncomeBand.UNDER_100K, IncomeBand.FROM_100K_TO_1M];
const FUNDED = '(s.committed_pence <> 0 OR s.fixed_paid_pence <> 0 OR s.outcome_paid_pence <> 0)';

interface InclusionRow {
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

// GROUPING(region, year, band, type): a bit is set for each column the set leaves out.
const SET_REGION_YEAR = 0b0011;
const SET_REGION_YEAR_BAND = 0b0001;
const SET_REGION_YEAR_TYPE = 0b0010;
const SET_ALL = 0b1111;
const SET_BAND = 0b1101;
const SET_TYPE = 0b1110;
/**
 * Most statement rows per region and year (its own, one per income band, one per organisation type,
 * a NULL of each counted too). The totals sets sort first (GROUPING DESC) and a group's rows come
 * together, so LIMIT this x (cap + 2) holds the totals and the first cap + 1 groups whole: enough
 * to answer, or to tell there are more than the cap.
 */
const INCLUSION_ROWS_PER_GROUP = 1 + (Object.keys(IncomeBand).length + 1) + (Object.keys(OrganisationType).length + 1);

interface SustainabilityAggregateRow extends Partial<SpendAggregateRow> {
  contracts: number;
  contracts_below_cost: number;
  committed: string;
  full_cost: string;
  shortfall: string;
  is_total: boolean;
}

export function sustainabilityFigures(row: SustainabilityAggregateRow): SustainabilityTotalsView {
  const fullCost = pence(row.full_cost);
  const gap = pence(row.shortfall);
  return {
    contracts: row.contracts,
    contractsBelowCost: row.contracts_below_cost,
    committed: Money.of(pence(row.committed)),
    declaredFullCost: Money.of(fullCost),
    gap: Money.of(gap),
    fullCostCovered: share(fullCost - gap, fullCost),
  };
}

/**
 * The research's three patterns, in numbers: who the money reaches (inclusion), what providers
 * subsidise (sustainability) and what an outcome costs (outcomes). Same visibility as spend.
 */
@Injectable()
export class SpendInsightsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly spend: SpendService,
  ) {}

  /** The inclusion statement: per region and year, its breakdowns and the totals (totals first, see INCLUSION_ROWS_PER_GROUP). */
  private inclusionRows(filter: SpendFilter, regions: string[] | undefined, max: number): Promise<InclusionRow[]> {
    const params: unknown[] = [];
    const where = whereClause(filter, regions, params);
    params.push(UNDER_1M);
    return this.db.report((em) =>
      queryRows<InclusionRow>(
        em,
        `SELECT s.region_code, s.financial_year, s.income_band, s.organisation_type,
              GROUPING(s.region_code, s.financial_year, s.income_band, s.organisation_type) AS grouping,
              coalesce(sum(s.committed_pence), 0)::text AS committed,
              coalesce(sum(s.fixed_paid_pence + s.outcome_paid_pence), 0)::text AS paid,
              count(DISTINCT s.provider_id) FILTER (WHERE ${FUNDED})::int AS providers,
              count(DISTINCT s.provider_id) FILTER (WHERE ${FUNDED} AND s.income_band = ANY($${params.length}::text[]))::int AS providers_under_1m
       FROM ${summaryFor(filter, [])} s ${where}
       GROUP BY GROUPING SETS ((s.region_code, s.financial_year), (s.region_code, s.financial_year, s.income_band),
         (s.region_code, s.financial_year, s.organisation_type), (), (s.income_band), (s.organisation_type))
       ORDER BY GROUPING(s.region_code) DESC, s.region_code, s.financial_year, s.income_band, s.organisation_type
       LIMIT ${INCLUSION_ROWS_PER_GROUP * (max + 2)}`,
        params,
      ),
    );
  }

  async inclusion(viewer: Principal, filter: SpendFilter): Promise<SpendInclusionReportView> {
    const max = this.spend.maxRows;
    const rows = await this.inclusionRows(filter, spendRegions(viewer, filter), max);
    const key = (r: InclusionRow) => `${r.region_code}|${r.financial_year}`;
    const groups = rows.filter((r) => r.grouping === SET_REGION_YEAR);
    if (groups.length > max) throw SpendException.reportTooLarge('spendInclusion', max);
    const build = (head: InclusionRow, bands: InclusionRow[], types: InclusionRow[]): SpendInclusionView => {
      const committed = pence(head.committed);
      const paid = pence(head.paid);
      const shareOf = (r: InclusionRow): InclusionShareView => ({
        incomeBand: (r.income_band as IncomeBand | null) ?? null,
        organisationType: (r.organisation_type as OrganisationType | null) ?? null,
        committed: Money.of(pence(r.committed)),
        paid: Money.of(pence(r.paid)),
        committedShare: share(pence(r.committed), committed),
        paidShare: share(pence(r.paid), paid),
        providers: r.providers,
      });
      const small = bands.filter((b) => UNDER_1M.includes(b.income_band!));
      return {
        regionCode: head.region_code,
        financialYear: head.financial_year,
        committed: Money.of(committed),
        paid: Money.of(paid),
        providersFunded: head.providers,
        committedShareUnder1m: share(
          small.reduce((s, b) => s + pence(b.committed), 0n),
          committed,
        ),
        paidShareUnder1m: share(
          small.reduce((s, b) => s + pence(b.paid), 0n),
          paid,
        ),
        providersFundedUnder1m: head.providers_under_1m,
        byIncomeBand: bands.map(shareOf),
        byOrganisationType: types.map(shareOf),
      };
    };
    return {
      rows: groups.map((g) =>
        build(
          g,
          rows.filter((r) => r.grouping === SET_REGION_YEAR_BAND && key(r) === key(g)),
          rows.filter((r) => r.grouping === SET_REGION_YEAR_TYPE && key(r) === key(g)),
        ),
      ),
      totals: build(
        rows.find((r) => r.grouping === SET_ALL)!,
        rows.filter((r) => r.grouping === SET_BAND),
        rows.filter((r) => r.grouping === SET_TYPE),
      ),
    };
  }

  async sustainabilityGap(viewer: Principal, filter: SpendFilter, groupBy: SpendGroupKey[]): Promise<SustainabilityGapView> {
    checkGroupBy(groupBy);
    const regions = spendRegions(viewer, filter);
    const max = this.spend.maxRows;
    const query = buildSpendQuery({
      filter,
      groupBy,
      regions,
      measures: 'sustainability',
      withProviders: false,
      withTotals: true,
      rowLimit: max + 1,
    });
    const result = await this.spend.aggregate<SustainabilityAggregateRow>(query.sql, query.params);
    const groups = result.filter((r) => !r.is_total);
    if (groups.length > max) throw SpendException.reportTooLarge('sustainabilityGap', max, '/exports/sustainability-gap.csv');
    return {
      groupBy,
      rows: groups.map((r) => ({ ...groupKeysOf(r), ...sustainabilityFigures(r) })),
      totals: sustainabilityFigures(result.find((r) => r.is_total)!),
    };
  }

  /** Published offers priced below the provider's declared full cost, biggest gap per unit first within each page order (newest). */
  underpricedOffers(
    viewer: Principal,
    filter: UnderpricedOffersFilter,
    page: { first: number; after?: string; withTotal: boolean },
  ): Promise<ConnectionShape<UnderpricedOfferView>> {
    const regions = spendRegions(viewer, { regionCodes: filter.regionCodes });
    const f = new SqlFilter().add(`o.status = 'PUBLISHED'`).add('o.gap_per_unit_pence > 0');
    f.addIf(filter.regionCodes, 'o.region_codes && ?::text[]')
      .addIf(filter.categories, 'o.category = ANY(?::text[])')
      .addIf(filter.providerIds, 'o.provider_id = ANY(?::uuid[])')
      .addIf(regions, 'o.region_codes && ?::text[]');
    if (regions && !regions.length) f.add('FALSE');
    type Row = {
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
    };
    return fetchKeysetPage<Row, UnderpricedOfferView>(
      this.db.reader,
      {
        select: 'o.*, p.legal_name',
        from: 'spend_offer_cost_v o JOIN spend_provider_v p ON p.provider_id = o.provider_id',
        seqColumn: 'o.seq',
        where: f.where,
        params: f.params,
        ...page,
      },
      (r) => ({
        id: r.offer_id,
        offerId: r.offer_id,
        version: r.version,
        title: r.title,
        category: r.category as ServiceCategory,
        regionCodes: r.region_codes,
        providerId: r.provider_id,
        providerName: r.legal_name,
        pricingUnit: r.pricing_unit,
        unitPrice: Money.of(pence(r.unit_price_pence)),
        declaredFullCostPerUnit: Money.of(pence(r.declared_full_cost_pence)),
        gapPerUnit: Money.of(pence(r.gap_per_unit_pence)),
      }),
    );
  }

  /**
   * Cost per outcome achieved, per measure and category, from approved reports: each reported
   * period's payments (fixed and outcome, reversals netted) are shared between the contract's
   * measures by weight; a period's outcome achieved is its achievement, 0 to 1.
   */
  async costPerOutcome(viewer: Principal, filter: SpendFilter): Promise<CostPerOutcomeView[]> {
    const regions = spendRegions(viewer, filter);
    const params: unknown[] = [];
    const where = whereClause(filter, regions, params, 'o');
    type Row = {
      measure_code: string;
      measure_name: string;
      category: string;
      contracts: number;
      periods: number;
      targets_met: number;
      outcomes: string;
      cost_x100: string;
    };
    const rows = await this.db.report((em) =>
      queryRows<Row>(
        em,
        `SELECT o.measure_code, min(o.measure_name) AS measure_name, o.category,
              count(DISTINCT o.contract_id)::int AS contracts, count(*)::int AS periods,
              count(*) FILTER (WHERE o.achievement >= 1)::int AS targets_met,
              coalesce(sum(o.achievement), 0)::text AS outcomes,
              coalesce(sum(o.period_paid_pence * o.weight), 0)::text AS cost_x100
       FROM spend_outcome_v o ${where}
       GROUP BY o.measure_code, o.category
       ORDER BY o.category, o.measure_code
       LIMIT ${this.spend.maxRows + 1}`,
        params,
      ),
    );
    if (rows.length > this.spend.maxRows) throw SpendException.reportTooLarge('costPerOutcome', this.spend.maxRows);
    return rows.map((r) => {
      const cost = divideRounded(BigInt(r.cost_x100), 100n);
      const outcomes = scaledDecimal(r.outcomes, 6);
      return {
        measureCode: r.measure_code,
        measureName: r.measure_name,
        category: r.category as ServiceCategory,
        contracts: r.contracts,
        periodsReported: r.periods,
        targetsMet: r.targets_met,
        outcomesAchieved: Number(divideRounded(outcomes, 100n)) / 10_000,
        cost: Money.of(cost),
        costPerOutcome: outcomes > 0n ? Money.of(divideRounded(cost * 1_000_000n, outcomes)) : null,
      };
    });
  }
}
