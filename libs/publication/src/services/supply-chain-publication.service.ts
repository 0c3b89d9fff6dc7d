import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, financialQuarterRange } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { TransactionRunner } from '@mkt/database';
import { SupplyChainPublicationView } from '../dtos/publication.types';
import { buildReleasePackage } from '../ocds/release-package';
import { PublicationMeta, SupplyChainSnapshot } from '../ocds/snapshot';
import { supplyChainCsv } from '../ocds/supply-chain-csv';
import { PublicationErrorCode, PublicationException } from '../publication.exception';
import { PublicationRepository } from '../repositories/publication.repository';
import { PublicationRow } from '../repositories/publication.row';
import { SupplyChainViewsRepository } from '../repositories/supply-chain-views.repository';
import { readSupplyChainSnapshot } from './supply-chain-snapshot';

/** A publication's stored bytes, served exactly as frozen. */
export interface PublishedDocument {
  publication: SupplyChainPublicationView;
  body: string;
}

const SUPPLY_CHAIN_PATH = '/publications/supply-chain';

/**
 * Publishes the quarterly supply chain (Recommendation 1): freezes every contract active in a
 * quarter, as OCDS and CSV, never to change; a correction is a new revision superseding the last.
 */
@Injectable()
export class SupplyChainPublicationService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly publications: PublicationRepository,
    private readonly views: SupplyChainViewsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publish(actor: Principal, financialYear: string, quarter: number, correctionReason?: string): Promise<SupplyChainPublicationView> {
    const range = financialQuarterRange(financialYear, quarter);
    if (range.end >= this.clock.today()) {
      throw new PublicationException(
        PublicationErrorCode.QUARTER_NOT_ENDED,
        `${financialYear} Q${quarter} ends on ${range.end}: publish it once it has ended`,
        { field: 'quarter' },
      );
    }
    return this.db.run(async (em) => {
      // Publications of one quarter queue here, so revisions are numbered without gaps or clashes.
      await this.publications.lockQuarter(em, financialYear, quarter);
      const latest = await this.publications.latest(em, financialYear, quarter);
      const reason = correctionReason?.trim();
      if (latest && !reason) {
        throw PublicationException.badInput(
          'correctionReason',
          `${financialYear} Q${quarter} is already published; say what this correction corrects`,
        );
      }
      if (!latest && reason) throw PublicationException.badInput('correctionReason', 'only a correction of an earlier publication has a reason');
      const snapshot = await readSupplyChainSnapshot(this.views, em, financialYear, quarter);
      if (!snapshot.contracts.length) {
        throw new PublicationException(PublicationErrorCode.NOTHING_TO_PUBLISH, `No contract was active in ${financialYear} Q${quarter}`);
      }
      const revision = (latest?.revision ?? 0) + 1;
      const publishedAt = this.clock.now();
      const meta: PublicationMeta = {
        revision,
        publishedAt,
        uri: this.urls(financialYear, quarter, revision).jsonUrl,
        listUri: `${this.config.publication.baseUrl}${SUPPLY_CHAIN_PATH}`,
        ocidPrefix: this.config.publication.ocidPrefix,
      };
      return this.store(em, actor, snapshot, meta, latest, reason);
    });
  }

  /** Freezes the package and the CSV with their hash, and audits it, in the publishing transaction. */
  private async store(
    em: EntityManager,
    actor: Principal,
    snapshot: SupplyChainSnapshot,
    meta: PublicationMeta,
    latest: PublicationRow | undefined,
    reason: string | undefined,
  ): Promise<SupplyChainPublicationView> {
    const { financialYear, quarter } = snapshot;
    const { revision, publishedAt } = meta;
    const body = JSON.stringify(buildReleasePackage(snapshot, meta), null, 2);
    const row = await this.publications.insert(em, {
      financialYear,
      quarter,
      revision,
      supersedesId: latest?.id ?? null,
      correctionReason: reason ?? null,
      publishedAt,
      publishedBy: actor.sub,
      contracts: snapshot.contracts.length,
      package: body,
      csv: supplyChainCsv(snapshot, meta),
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    const view = this.view(row);
    await this.audit.record(em, actor, {
      action: latest ? 'supplyChain.corrected' : 'supplyChain.published',
      entityType: 'SupplyChainPublication',
      entityId: view.id,
      after: {
        financialYear,
        quarter,
        revision,
        contracts: view.contracts,
        supersedesId: view.supersedesId,
        correctionReason: reason ?? null,
        sha256: view.sha256,
      },
    });
    return view;
  }

  async list(): Promise<SupplyChainPublicationView[]> {
    const rows = await this.publications.list(this.db.reader);
    return rows.map((r) => this.view(r));
  }

  /** The stored package or CSV of a revision, or of the quarter's latest when revision is omitted. */
  async document(financialYear: string, quarter: number, format: 'json' | 'csv', revision?: number): Promise<PublishedDocument> {
    const row = await this.publications.document(this.db.reader, financialYear, quarter, format, revision);
    if (!row)
      throw PublicationException.notFound(`A supply-chain publication for ${financialYear} Q${quarter}${revision ? ` revision ${revision}` : ''}`);
    return { publication: this.view(row), body: row.body };
  }

  private urls(financialYear: string, quarter: number, revision: number) {
    const base = `${this.config.publication.baseUrl}${SUPPLY_CHAIN_PATH}/${financialYear}-Q${quarter}`;
    return { jsonUrl: `${base}/${revision}.json`, csvUrl: `${base}/${revision}.csv`, quarterUrl: `${base}.json` };
  }

  private view(r: PublicationRow): SupplyChainPublicationView {
    return {
      id: r.id,
      financialYear: r.financial_year,
      quarter: r.quarter,
      revision: r.revision,
      supersedesId: r.supersedes_id,
      correctionReason: r.correction_reason,
      publishedAt: r.published_at,
      contracts: r.contracts,
      sha256: r.sha256,
      ...this.urls(r.financial_year, r.quarter, r.revision),
    };
  }
}
