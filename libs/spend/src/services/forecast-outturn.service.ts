import { Injectable } from '@nestjs/common';
import { Money, penceFromDb } from '@mkt/common';
import { type Principal, Role } from '@mkt/auth';
import { TransactionRunner } from '@mkt/database';
import { ForecastOutturnFilter, ForecastOutturnView } from '../dtos/forecast.types';
import { ForecastRepository } from '../repositories/forecast.repository';
import { OutturnRow } from '../repositories/forecast.rows';
import { spendRegions } from './spend-access';

/**
 * The forecast outturn per region and financial year, from the pots budgets publishes
 * (`budget_v`): contracts keep each pot's committed and paid per year (issue 13), so forecast =
 * paid + committed not yet paid = committed, and variance = allocated - forecast.
 */
@Injectable()
export class ForecastOutturnService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly pots: ForecastRepository,
  ) {}

  async forecast(viewer: Principal, filter: ForecastOutturnFilter): Promise<ForecastOutturnView[]> {
    // ADMIN, DIRECTORATE and AUDITOR see every region; a commissioner its own (naming another is refused).
    const own = spendRegions(viewer, filter, [Role.ADMIN, Role.DIRECTORATE, Role.AUDITOR]);
    const rows = await this.db.report((em) => this.pots.outturn(em, filter, own));
    return rows.map(toView);
  }
}

function toView(row: OutturnRow): ForecastOutturnView {
  const allocated = penceFromDb(row.allocated);
  const committed = penceFromDb(row.committed);
  const paid = penceFromDb(row.paid);
  const committedUnpaid = committed - paid;
  const forecast = paid + committedUnpaid;
  return {
    regionCode: row.region_code,
    financialYear: row.financial_year,
    allocated: Money.of(allocated),
    reserved: Money.of(penceFromDb(row.reserved)),
    committed: Money.of(committed),
    committedUnpaid: Money.of(committedUnpaid),
    paid: Money.of(paid),
    released: Money.of(penceFromDb(row.released)),
    forecast: Money.of(forecast),
    variance: Money.of(allocated - forecast),
  };
}
