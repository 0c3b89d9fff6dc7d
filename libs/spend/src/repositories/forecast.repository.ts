import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows, SqlFilter } from '@mkt/database';
import { ForecastOutturnFilter } from '../dtos/forecast.types';
import { OutturnRow } from './forecast.rows';

/** Reads the budget pots budgets publishes to spend (`budget_v`). */
@Injectable()
export class ForecastRepository {
  /** Pots summed per region and financial year; `regions` limits them when given. */
  outturn(em: EntityManager, filter: ForecastOutturnFilter, regions: string[] | undefined): Promise<OutturnRow[]> {
    const f = new SqlFilter().addIf(filter.financialYears, 'financial_year = ANY(?)').addIf(filter.regionCodes, 'region_code = ANY(?)');
    if (regions) f.add('region_code = ANY(?)', regions);
    return queryRows<OutturnRow>(
      em,
      `SELECT region_code, financial_year, sum(allocated_pence)::text AS allocated, sum(reserved_pence)::text AS reserved,
                sum(committed_pence)::text AS committed, sum(paid_pence)::text AS paid, sum(released_pence)::text AS released
         FROM budget_v WHERE ${f.where.length ? f.where.join(' AND ') : 'TRUE'}
         GROUP BY region_code, financial_year ORDER BY financial_year, region_code`,
      f.params,
    );
  }
}
