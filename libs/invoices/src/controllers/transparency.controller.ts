import { Controller, Get, Inject, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { DomainExceptionHttpFilter } from '@mkt/common';
import { Public } from '@mkt/auth';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { TransactionRunner } from '@mkt/database';
import { InvoicesErrorCode, InvoicesException } from '../invoices.exception';
import { PublishedPaymentRepository } from '../repositories/published-payment.repository';
import {
  DateRange,
  monthRange,
  quarterRange,
  SIGNIFICANT_PAYMENT_OVER_PENCE,
  SIGNIFICANT_PAYMENTS_HEADER,
  significantPaymentLine,
  SPEND_OVER_HEADER,
  SPEND_OVER_PENCE,
  spendOverLine,
} from '../rules/transparency';

/**
 * The public transparency publications of payments, no login needed (they are published by law
 * and by Treasury policy; they name organisations, never people):
 * - `/publications/significant-payments/2026-27-Q2.csv`: payments over GBP 30,000 in the quarter
 *   (Procurement Act 2023 section 70);
 * - `/publications/spend-over-25000/2026-08.csv`: transactions over GBP 25,000 in the month (HM Treasury).
 */
@Controller('publications')
@UseFilters(DomainExceptionHttpFilter)
export class TransparencyController {
  constructor(
    private readonly db: TransactionRunner,
    private readonly payments: PublishedPaymentRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('significant-payments/:file')
  @Public()
  async significantPayments(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const range = rangeOf(file, quarterRange);
    const rows = await this.payments.paidBetween(this.db.reader, range.start, range.end, SIGNIFICANT_PAYMENT_OVER_PENCE);
    const prefix = this.config.publication.ocidPrefix;
    send(res, `significant-payments-${range.label}.csv`, SIGNIFICANT_PAYMENTS_HEADER + rows.map((p) => significantPaymentLine(p, prefix)).join(''));
  }

  @Get('spend-over-25000/:file')
  @Public()
  async spendOver(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const range = rangeOf(file, monthRange);
    const rows = await this.payments.paidBetween(this.db.reader, range.start, range.end, SPEND_OVER_PENCE);
    send(res, `spend-over-25000-${range.label}.csv`, SPEND_OVER_HEADER + rows.map(spendOverLine).join(''));
  }
}

function rangeOf(file: string, parse: (text: string) => DateRange | null): DateRange {
  const range = file.endsWith('.csv') ? parse(file.slice(0, -4)) : null;
  if (!range)
    throw new InvoicesException(InvoicesErrorCode.NOT_FOUND, 'No such publication: name a quarter (2026-27-Q2.csv) or a month (2026-08.csv)');
  return range;
}

function send(res: Response, filename: string, body: string): void {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `inline; filename="${filename}"`);
  // A period still open (or corrected by a reversal) changes: cache briefly, as the quarter's supply-chain URL is.
  res.setHeader('cache-control', 'public, max-age=300');
  res.send(body);
}
