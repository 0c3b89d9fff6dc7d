import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@mkt/database';
import { NewPublication, PublicationRow } from './publication.row';

const COLUMNS = 'id, financial_year, quarter, revision, supersedes_id, correction_reason, published_at, contracts, sha256';

/** Every statement on `supply_chain_publication`. Callers choose the EntityManager (a transaction or the reader). */
@Injectable()
export class PublicationRepository {
  /** Transaction-scoped advisory lock on one quarter's publications. */
  async lockQuarter(em: EntityManager, financialYear: string, quarter: number): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`supply-chain:${financialYear}-Q${quarter}`]);
  }

  latest(em: EntityManager, financialYear: string, quarter: number): Promise<PublicationRow | undefined> {
    return queryOne<PublicationRow>(
      em,
      `SELECT * FROM supply_chain_publication WHERE financial_year = $1 AND quarter = $2 ORDER BY revision DESC LIMIT 1`,
      [financialYear, quarter],
    );
  }

  async insert(em: EntityManager, p: NewPublication): Promise<PublicationRow> {
    const row = await queryOne<PublicationRow>(
      em,
      `INSERT INTO supply_chain_publication (financial_year, quarter, revision, supersedes_id, correction_reason, published_at, published_by,
           contracts, package, csv, sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING ${COLUMNS}`,
      [
        p.financialYear,
        p.quarter,
        p.revision,
        p.supersedesId,
        p.correctionReason,
        p.publishedAt,
        p.publishedBy,
        p.contracts,
        p.package,
        p.csv,
        p.sha256,
      ],
    );
    return row!;
  }

  list(em: EntityManager): Promise<PublicationRow[]> {
    return queryRows<PublicationRow>(
      em,
      `SELECT ${COLUMNS}
       FROM supply_chain_publication ORDER BY financial_year DESC, quarter DESC, revision DESC`,
    );
  }

  /** A revision with its stored package or CSV as `body`; the quarter's latest when revision is omitted. */
  document(
    em: EntityManager,
    financialYear: string,
    quarter: number,
    format: 'json' | 'csv',
    revision?: number,
  ): Promise<(PublicationRow & { body: string }) | undefined> {
    return queryOne<PublicationRow & { body: string }>(
      em,
      `SELECT ${COLUMNS},
              ${format === 'json' ? 'package::text' : 'csv'} AS body
       FROM supply_chain_publication
       WHERE financial_year = $1 AND quarter = $2 AND ($3::int IS NULL OR revision = $3)
       ORDER BY revision DESC LIMIT 1`,
      [financialYear, quarter, revision ?? null],
    );
  }
}
