import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { Money } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { TransactionRunner } from '@mkt/database';
import { IncomeBand, OrganisationType } from '@mkt/organisations';
import { ServiceCategory } from '@mkt/reference';
import { SpendFilter, SpendGroupKey } from '../dtos/spend.inputs';
import { SpendGroupKeys, SpendResultView, SpendRowView, SpendTotalsView } from '../dtos/spend.types';
import { SpendRepository } from '../repositories/spend.repository';
import { SpendAggregateRow } from '../repositories/spend.rows';
import { buildSpendQuery, Measures, SpendFigure } from '../rules/spend-query';
import { SpendException } from '../spend.exception';
import { spendRegions } from './spend-access';

// The row type moved to the repository's rows; re-exported here for the lib's public entry.
export type { SpendAggregateRow } from '../repositories/spend.rows';

export function groupKeysOf(row: Partial<SpendAggregateRow>): SpendGroupKeys {
  return {
    regionCode: row.region_code ?? null,
    pduCode: row.pdu_code ?? null,
    providerId: row.provider_id ?? null,
    providerName: row.provider_name ?? null,
    category: (row.category as ServiceCategory | undefined) ?? null,
    incomeBand: (row.income_band as IncomeBand | undefined) ?? null,
    organisationType: (row.organisation_type as OrganisationType | undefined) ?? null,
    financialYear: row.financial_year ?? null,
    quarter: row.quarter ?? null,
  };
}

type MoneyColumn = 'committed' | 'paid' | 'fixed_paid' | 'outcome_paid' | 'outstanding';
/** A row of `spend`: each money figure is there when it was asked for. */
type SpendFigureRow = Omit<SpendAggregateRow, MoneyColumn> & Partial<Pick<SpendAggregateRow, MoneyColumn>>;

/** Money for the figures the statement computed; a figure not asked for stays unset (never read). */
function totalsView(row: SpendFigureRow): SpendTotalsView {
  const money = (text: string | undefined) => (text === undefined ? (undefined as unknown as Money) : Money.ofText(text));
  return {
    committed: money(row.committed),
    paid: money(row.paid),
    fixedPaid: money(row.fixed_paid),
    outcomePaid: money(row.outcome_paid),
    outstanding: money(row.outstanding),
    contracts: row.contracts,
    providers: row.providers ?? 0,
  };
}

export function checkGroupBy(groupBy: SpendGroupKey[]): void {
  if (new Set(groupBy).size !== groupBy.length) throw SpendException.badInput('groupBy', 'each key may appear once');
}

/**
 * Spend: SQL aggregates over the summaries, never hydrated contracts or payments. One statement
 * answers rows and totals.
 */
@Injectable()
export class SpendService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly repository: SpendRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** REPORT_MAX_ROWS: the most groups a report returns in GraphQL (the CSV exports are not capped). */
  get maxRows(): number {
    return this.config.reports.maxRows;
  }

  /** `figures`: the money figures to compute (the ones a GraphQL query selects); default all. */
  async spend(
    viewer: Principal,
    filter: SpendFilter,
    groupBy: SpendGroupKey[],
    options: { withProviders: boolean; figures?: SpendFigure[] },
  ): Promise<SpendResultView> {
    checkGroupBy(groupBy);
    const regions = spendRegions(viewer, filter);
    const query = buildSpendQuery({
      filter,
      groupBy,
      regions,
      measures: 'spend',
      withProviders: options.withProviders,
      withTotals: true,
      figures: options.figures,
      rowLimit: this.maxRows + 1,
    });
    const result = await this.aggregate<SpendFigureRow>(query.sql, query.params);
    const rows: SpendRowView[] = [];
    let totals: SpendTotalsView | undefined;
    for (const r of result) {
      if (r.is_total) totals = totalsView(r);
      else rows.push(Object.assign(groupKeysOf(r), totalsView(r)));
    }
    if (rows.length > this.maxRows) throw SpendException.reportTooLarge('spend', this.maxRows, '/exports/spend.csv');
    return { groupBy, rows, totals: totals! };
  }

  /** Runs an aggregate in a report transaction (on the replica when there is one), with the memory it needs. */
  aggregate<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.db.report((em) => this.repository.aggregate<R>(em, sql, params));
  }

  /**
   * Streams the rows of a grouping (no totals row) in batches from a server-side cursor, so a
   * large export never sits in memory. `write` resolves when the consumer can take more.
   */
  async stream<R>(
    viewer: Principal,
    filter: SpendFilter,
    groupBy: SpendGroupKey[],
    measures: Measures,
    write: (rows: R[]) => Promise<boolean>,
    batchSize = 500,
  ): Promise<void> {
    checkGroupBy(groupBy);
    const regions = spendRegions(viewer, filter);
    const query = buildSpendQuery({ filter, groupBy, regions, measures, withProviders: measures === 'spend', withTotals: false });
    await this.db.report((em) => this.repository.stream<R>(em, query.sql, query.params, write, batchSize));
  }
}
