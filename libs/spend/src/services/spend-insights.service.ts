import { Injectable } from '@nestjs/common';
import { ConnectionShape, divideRounded, Money } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { TransactionRunner } from '@mkt/database';
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
import { InsightsRepository } from '../repositories/insights.repository';
import { InclusionRow } from '../repositories/insights.rows';
import { SpendAggregateRow } from '../repositories/spend.rows';
import { buildSpendQuery } from '../rules/spend-query';
import { pence, scaledDecimal, share } from '../rules/shares';
import { SpendException } from '../spend.exception';
import { spendRegions } from './spend-access';
import { checkGroupBy, groupKeysOf, SpendService } from './spend.service';

const UNDER_1M: string[] = [IncomeBand.UNDER_100K, IncomeBand.FROM_100K_TO_1M];

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
    private readonly insights: InsightsRepository,
  ) {}

  /** The inclusion statement: per region and year, its breakdowns and the totals (totals first, see INCLUSION_ROWS_PER_GROUP). */
  private inclusionRows(filter: SpendFilter, regions: string[] | undefined, max: number): Promise<InclusionRow[]> {
    return this.db.report((em) => this.insights.inclusionRows(em, filter, regions, UNDER_1M, INCLUSION_ROWS_PER_GROUP * (max + 2)));
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
    return this.insights.underpricedOffers(this.db.reader, filter, regions, page, (r) => ({
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
    }));
  }

  /**
   * Cost per outcome achieved, per measure and category, from approved reports: each reported
   * period's payments (fixed and outcome, reversals netted) are shared between the contract's
   * measures by weight; a period's outcome achieved is its achievement, 0 to 1.
   */
  async costPerOutcome(viewer: Principal, filter: SpendFilter): Promise<CostPerOutcomeView[]> {
    const regions = spendRegions(viewer, filter);
    const rows = await this.db.report((em) => this.insights.costPerOutcome(em, filter, regions, this.spend.maxRows + 1));
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
