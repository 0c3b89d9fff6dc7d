import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConnectionShape } from '@mkt/common';
import { fetchKeysetPage, queryRows, SqlFilter } from '@mkt/database';
import { SpendFilter, UnderpricedOffersFilter } from '../dtos/spend.inputs';
import { summaryFor, whereClause } from '../rules/spend-query';
import { CostPerOutcomeRow, InclusionRow, UnderpricedOfferRow } from './insights.rows';

type Page = { first: number; after?: string; withTotal: boolean };

const FUNDED = '(s.committed_pence <> 0 OR s.fixed_paid_pence <> 0 OR s.outcome_paid_pence <> 0)';

/** The statements behind the spend insights (inclusion, underpriced offers, cost per outcome). */
@Injectable()
export class InsightsRepository {
  /**
   * The inclusion statement: per region and year, its breakdowns by income band and organisation
   * type, and the totals; the totals sets sort first. `smallBands`: the bands counted as under £1m.
   */
  inclusionRows(em: EntityManager, filter: SpendFilter, regions: string[] | undefined, smallBands: string[], limit: number): Promise<InclusionRow[]> {
    const params: unknown[] = [];
    const where = whereClause(filter, regions, params);
    params.push(smallBands);
    return queryRows<InclusionRow>(
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
       LIMIT ${limit}`,
      params,
    );
  }

  /** Published offers with a gap per unit, newest first, limited to `regions` when given (none: nothing). */
  underpricedOffers<T>(
    em: EntityManager,
    filter: UnderpricedOffersFilter,
    regions: string[] | undefined,
    page: Page,
    toNode: (row: UnderpricedOfferRow) => T,
  ): Promise<ConnectionShape<T>> {
    const f = new SqlFilter().add(`o.status = 'PUBLISHED'`).add('o.gap_per_unit_pence > 0');
    f.addIf(filter.regionCodes, 'o.region_codes && ?::text[]')
      .addIf(filter.categories, 'o.category = ANY(?::text[])')
      .addIf(filter.providerIds, 'o.provider_id = ANY(?::uuid[])')
      .addIf(regions, 'o.region_codes && ?::text[]');
    if (regions && !regions.length) f.add('FALSE');
    return fetchKeysetPage<UnderpricedOfferRow, T>(
      em,
      {
        select: 'o.*, p.legal_name',
        from: 'spend_offer_cost_v o JOIN spend_provider_v p ON p.provider_id = o.provider_id',
        seqColumn: 'o.seq',
        where: f.where,
        params: f.params,
        ...page,
      },
      toNode,
    );
  }

  /** Cost per outcome per measure and category from spend_outcome_v, at most `limit` rows. */
  costPerOutcome(em: EntityManager, filter: SpendFilter, regions: string[] | undefined, limit: number): Promise<CostPerOutcomeRow[]> {
    const params: unknown[] = [];
    const where = whereClause(filter, regions, params, 'o');
    return queryRows<CostPerOutcomeRow>(
      em,
      `SELECT o.measure_code, min(o.measure_name) AS measure_name, o.category,
              count(DISTINCT o.contract_id)::int AS contracts, count(*)::int AS periods,
              count(*) FILTER (WHERE o.achievement >= 1)::int AS targets_met,
              coalesce(sum(o.achievement), 0)::text AS outcomes,
              coalesce(sum(o.period_paid_pence * o.weight), 0)::text AS cost_x100
       FROM spend_outcome_v o ${where}
       GROUP BY o.measure_code, o.category
       ORDER BY o.category, o.measure_code
       LIMIT ${limit}`,
      params,
    );
  }
}
