import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, financialQuarterRange, penceFromDb } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { APP_CONFIG, type AppConfig } from '@mkt/config';
import { queryOne, queryRows, TransactionRunner } from '@mkt/database';
import { SupplyChainPublicationView } from '../dtos/publication.types';
import { buildReleasePackage } from '../ocds/release-package';
import { PublicationMeta, SnapshotContract, SupplyChainSnapshot } from '../ocds/snapshot';
import { supplyChainCsv } from '../ocds/supply-chain-csv';
import { PublicationErrorCode, PublicationException } from '../publication.exception';

interface PublicationRow {
  id: string;
  financial_year: string;
  quarter: number;
  revision: number;
  supersedes_id: string | null;
  correction_reason: string | null;
  published_at: Date;
  contracts: number;
  sha256: string;
}

/** A publication's stored bytes, served exactly as frozen. */
export interface PublishedDocument {
  publication: SupplyChainPublicationView;
  body: string;
}

const SUPPLY_CHAIN_PATH = '/publications/supply-chain';

/** First and last day of a reporting period: "2026-27-Q1" or "2026-04". */
function periodRange(period: string): { start: string; end: string } {
  const quarterly = /^(\d{4}-\d{2})-Q([1-4])$/.exec(period);
  if (quarterly) return financialQuarterRange(quarterly[1], Number(quarterly[2]));
  const [year, month] = period.split('-').map(Number);
  return { start: `${period}-01`, end: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) };
}

/**
 * Publishes the quarterly supply chain (Recommendation 1): freezes every contract active in a
 * quarter, as OCDS and CSV, never to change; a correction is a new revision superseding the last.
 */
@Injectable()
export class SupplyChainPublicationService {
  constructor(
    private readonly db: TransactionRunner,
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
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`supply-chain:${financialYear}-Q${quarter}`]);
      const latest = await queryOne<PublicationRow>(
        em,
        `SELECT * FROM supply_chain_publication WHERE financial_year = $1 AND quarter = $2 ORDER BY revision DESC LIMIT 1`,
        [financialYear, quarter],
      );
      const reason = correctionReason?.trim();
      if (latest && !reason) {
        throw PublicationException.badInput(
          'correctionReason',
          `${financialYear} Q${quarter} is already published; say what this correction corrects`,
        );
      }
      if (!latest && reason) throw PublicationException.badInput('correctionReason', 'only a correction of an earlier publication has a reason');
      const snapshot = await this.snapshot(em, financialYear, quarter);
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
      const body = JSON.stringify(buildReleasePackage(snapshot, meta), null, 2);
      const row = await queryOne<PublicationRow>(
        em,
        `INSERT INTO supply_chain_publication (financial_year, quarter, revision, supersedes_id, correction_reason, published_at, published_by,
           contracts, package, csv, sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING id, financial_year, quarter, revision, supersedes_id, correction_reason, published_at, contracts, sha256`,
        [
          financialYear,
          quarter,
          revision,
          latest?.id ?? null,
          reason ?? null,
          publishedAt,
          actor.sub,
          snapshot.contracts.length,
          body,
          supplyChainCsv(snapshot, meta),
          createHash('sha256').update(body).digest('hex'),
        ],
      );
      const view = this.view(row!);
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
    });
  }

  async list(): Promise<SupplyChainPublicationView[]> {
    const rows = await queryRows<PublicationRow>(
      this.db.reader,
      `SELECT id, financial_year, quarter, revision, supersedes_id, correction_reason, published_at, contracts, sha256
       FROM supply_chain_publication ORDER BY financial_year DESC, quarter DESC, revision DESC`,
    );
    return rows.map((r) => this.view(r));
  }

  /** The stored package or CSV of a revision, or of the quarter's latest when revision is omitted. */
  async document(financialYear: string, quarter: number, format: 'json' | 'csv', revision?: number): Promise<PublishedDocument> {
    const row = await queryOne<PublicationRow & { body: string }>(
      this.db.reader,
      `SELECT id, financial_year, quarter, revision, supersedes_id, correction_reason, published_at, contracts, sha256,
              ${format === 'json' ? 'package::text' : 'csv'} AS body
       FROM supply_chain_publication
       WHERE financial_year = $1 AND quarter = $2 AND ($3::int IS NULL OR revision = $3)
       ORDER BY revision DESC LIMIT 1`,
      [financialYear, quarter, revision ?? null],
    );
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

  /** Every contract active in the quarter, with what happened up to its end, read through the publication views. */
  async snapshot(em: EntityManager, financialYear: string, quarter: number): Promise<SupplyChainSnapshot> {
    const { start, end } = financialQuarterRange(financialYear, quarter);
    const contracts = await queryRows<{
      contract_id: string;
      order_id: string;
      region_code: string;
      region_name: string;
      pdu_code: string;
      pdu_name: string;
      category: string;
      start_date: string;
      end_date: string;
      status: string;
      value_pence: string;
      reporting_period: string;
      awarded_at: Date;
      provider_identifier: string;
      provider_name: string;
      provider_charity_number: string | null;
      provider_company_number: string | null;
      service_title: string;
      service_summary: string;
      pricing_unit: string;
      unit_price_pence: string;
      quantity: number;
    }>(em, 'SELECT * FROM supply_chain_contract_v WHERE start_date <= $2 AND end_date >= $1 ORDER BY seq', [start, end]);
    const ids = contracts.map((c) => c.contract_id);
    const [measures, reports, payments, subs] = await Promise.all([
      queryRows<{
        measure_id: string;
        contract_id: string;
        measure_code: string;
        name: string;
        unit: string;
        direction: string;
        baseline: string;
        target: string;
        weight: number;
      }>(em, 'SELECT * FROM supply_chain_measure_v WHERE contract_id = ANY($1) ORDER BY contract_id, position', [ids]),
      queryRows<{ contract_id: string; period: string; actuals: { measureId: string; value: string }[] }>(
        em,
        'SELECT * FROM supply_chain_report_v WHERE contract_id = ANY($1) ORDER BY period',
        [ids],
      ),
      queryRows<{ payment_id: string; contract_id: string; period: string; kind: 'FIXED' | 'OUTCOME'; amount_pence: string; paid_on: string }>(
        em,
        'SELECT * FROM supply_chain_payment_v WHERE contract_id = ANY($1) AND paid_on <= $2 ORDER BY seq',
        [ids, end],
      ),
      queryRows<{
        subcontractor_id: string;
        contract_id: string;
        parent_id: string | null;
        tier: number;
        identifier: string;
        name: string;
        charity_number: string | null;
        company_number: string | null;
        service_summary: string;
      }>(em, 'SELECT * FROM supply_chain_subcontractor_v WHERE contract_id = ANY($1) ORDER BY tier, seq', [ids]),
    ]);
    const subIds = subs.map((s) => s.subcontractor_id);
    const [funding, contributions] = await Promise.all([
      queryRows<{ subcontractor_id: string; financial_year: string; quarter: number; amount_pence: string }>(
        em,
        'SELECT * FROM supply_chain_funding_v WHERE subcontractor_id = ANY($1) AND (financial_year, quarter) <= ($2, $3) ORDER BY financial_year, quarter',
        [subIds, financialYear, quarter],
      ),
      queryRows<{ subcontractor_id: string; measure_id: string; financial_year: string; quarter: number; value: string }>(
        em,
        'SELECT * FROM supply_chain_contribution_v WHERE subcontractor_id = ANY($1) AND (financial_year, quarter) <= ($2, $3) ORDER BY financial_year, quarter, measure_id',
        [subIds, financialYear, quarter],
      ),
    ]);

    return {
      financialYear,
      quarter,
      quarterStart: start,
      quarterEnd: end,
      contracts: contracts.map((c): SnapshotContract => ({
        id: c.contract_id,
        orderId: c.order_id,
        regionCode: c.region_code,
        regionName: c.region_name,
        pduCode: c.pdu_code,
        pduName: c.pdu_name,
        category: c.category,
        startDate: c.start_date,
        endDate: c.end_date,
        status: c.status,
        valuePence: penceFromDb(c.value_pence),
        reportingPeriod: c.reporting_period,
        awardedAt: c.awarded_at,
        serviceTitle: c.service_title,
        serviceSummary: c.service_summary,
        pricingUnit: c.pricing_unit,
        unitPricePence: penceFromDb(c.unit_price_pence),
        quantity: c.quantity,
        provider: {
          identifier: c.provider_identifier,
          name: c.provider_name,
          charityNumber: c.provider_charity_number,
          companyNumber: c.provider_company_number,
        },
        measures: measures
          .filter((m) => m.contract_id === c.contract_id)
          .map((m) => ({
            id: m.measure_id,
            code: m.measure_code,
            name: m.name,
            unit: m.unit,
            direction: m.direction,
            baseline: m.baseline,
            target: m.target,
            weight: m.weight,
          })),
        reports: reports
          .filter((r) => r.contract_id === c.contract_id)
          .map((r) => ({ ...r, ...periodRange(r.period) }))
          .filter((r) => r.end <= end)
          .map((r) => ({
            period: r.period,
            startDate: r.start,
            endDate: r.end,
            actuals: r.actuals.map((a) => ({ measureId: a.measureId, value: String(a.value) })),
          })),
        payments: payments
          .filter((p) => p.contract_id === c.contract_id)
          .map((p) => ({ id: p.payment_id, period: p.period, kind: p.kind, amountPence: penceFromDb(p.amount_pence), paidOn: p.paid_on })),
        subcontractors: subs
          .filter((s) => s.contract_id === c.contract_id)
          .map((s) => ({
            id: s.subcontractor_id,
            tier: s.tier as 2 | 3,
            parentId: s.parent_id,
            identifier: s.identifier,
            name: s.name,
            charityNumber: s.charity_number,
            companyNumber: s.company_number,
            serviceSummary: s.service_summary,
            funding: funding
              .filter((f) => f.subcontractor_id === s.subcontractor_id)
              .map((f) => ({ financialYear: f.financial_year, quarter: f.quarter, amountPence: penceFromDb(f.amount_pence) })),
            contributions: contributions
              .filter((x) => x.subcontractor_id === s.subcontractor_id)
              .map((x) => ({ measureId: x.measure_id, financialYear: x.financial_year, quarter: x.quarter, value: x.value })),
          })),
      })),
    };
  }
}
