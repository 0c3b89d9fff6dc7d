import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { DomainExceptionHttpFilter } from '@mkt/common';
import { Public } from '@mkt/auth';
import { PublicationException } from '../publication.exception';
import { PublishedDocument, SupplyChainPublicationService } from '../services/supply-chain-publication.service';

const QUARTER_FILE = /^(\d{4}-\d{2})-Q([1-4])\.(json|csv)$/;
const QUARTER = /^(\d{4}-\d{2})-Q([1-4])$/;
const REVISION_FILE = /^([1-9]\d{0,5})\.(json|csv)$/;

/**
 * The public supply-chain publications, no login needed:
 * - `/publications/supply-chain`: every publication (JSON);
 * - `/publications/supply-chain/2026-27-Q1.json|.csv`: the quarter's latest revision;
 * - `/publications/supply-chain/2026-27-Q1/2.json|.csv`: one revision, permanently.
 */
@Controller('publications/supply-chain')
@UseFilters(DomainExceptionHttpFilter)
export class SupplyChainController {
  constructor(private readonly publications: SupplyChainPublicationService) {}

  @Get()
  @Public()
  async list() {
    return { publications: await this.publications.list() };
  }

  @Get(':file')
  @Public()
  async latest(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const match = QUARTER_FILE.exec(file);
    if (!match) throw PublicationException.notFound();
    const format = match[3] as 'json' | 'csv';
    send(res, await this.publications.document(match[1], Number(match[2]), format), format, false);
  }

  @Get(':quarter/:file')
  @Public()
  async revision(@Param('quarter') quarter: string, @Param('file') file: string, @Res() res: Response): Promise<void> {
    const q = QUARTER.exec(quarter);
    const f = REVISION_FILE.exec(file);
    if (!q || !f) throw PublicationException.notFound();
    const format = f[2] as 'json' | 'csv';
    send(res, await this.publications.document(q[1], Number(q[2]), format, Number(f[1])), format, true);
  }
}

function send(res: Response, doc: PublishedDocument, format: 'json' | 'csv', permanent: boolean): void {
  const p = doc.publication;
  res.status(200);
  res.setHeader('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8');
  if (format === 'csv') {
    res.setHeader('content-disposition', `inline; filename="supply-chain-${p.financialYear}-Q${p.quarter}-r${p.revision}.csv"`);
  }
  // A revision never changes; the quarter's URL moves to a correction when one is published.
  res.setHeader('cache-control', permanent ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
  res.setHeader('link', `<${format === 'json' ? p.jsonUrl : p.csvUrl}>; rel="canonical"`);
  res.setHeader('x-publication-revision', String(p.revision));
  res.send(doc.body);
}
