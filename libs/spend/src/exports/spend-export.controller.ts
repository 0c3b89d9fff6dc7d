import { once } from 'node:events';
import { Controller, Get, Inject, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { DomainExceptionHttpFilter } from '@mkt/common';
import { Access, CurrentPrincipal, type Principal, Role } from '@mkt/auth';
import { Measures } from '../rules/spend-query';
import { SpendService } from '../services/spend.service';
import { CsvLayout, parseSpendCsvQuery, spendCsvLayout, sustainabilityCsvLayout } from './spend-csv';

/**
 * CSV downloads of the spend queries, with the same visibility: bearer token required; the body
 * is streamed from a database cursor with backpressure.
 */
@Controller('exports')
@UseFilters(DomainExceptionHttpFilter)
export class SpendExportController {
  constructor(@Inject(SpendService) private readonly spend: SpendService) {}

  @Get('spend.csv')
  @Access(Role.DIRECTORATE, Role.AUDITOR, Role.COMMISSIONER)
  spendCsv(@CurrentPrincipal() viewer: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const request = parseSpendCsvQuery(query);
    return this.send(viewer, request, 'spend', spendCsvLayout(request.groupBy), res);
  }

  @Get('sustainability-gap.csv')
  @Access(Role.DIRECTORATE, Role.AUDITOR, Role.COMMISSIONER)
  sustainabilityCsv(@CurrentPrincipal() viewer: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const request = parseSpendCsvQuery(query);
    return this.send(viewer, request, 'sustainability', sustainabilityCsvLayout(request.groupBy), res);
  }

  private async send<R>(
    viewer: Principal,
    request: ReturnType<typeof parseSpendCsvQuery>,
    measures: Measures,
    layout: CsvLayout<R>,
    res: Response,
  ): Promise<void> {
    const name = [measures, ...request.groupBy.map((k) => k.toLowerCase())].join('-');
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      res.status(200);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
      res.setHeader('cache-control', 'no-store');
      res.write(layout.header);
    };
    try {
      await this.spend.stream<R>(viewer, request.filter, request.groupBy, measures, async (rows) => {
        start();
        if (res.destroyed) return false;
        if (!res.write(rows.map((r) => layout.line(r)).join(''))) await Promise.race([once(res, 'drain'), once(res, 'close')]);
        return !res.destroyed;
      });
    } catch (error) {
      // Half a file must not look like a whole one: cut the connection instead of ending the body.
      if (started) {
        res.destroy(error as Error);
        return;
      }
      throw error;
    }
    start();
    res.end();
  }
}
