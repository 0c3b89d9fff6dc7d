import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, queryOne, queryRows } from '@mkt/database';
import { CONTENT_COLUMN_NAMES, OfferContentValues, OfferVersionRow } from '../services/offer.row';

/** Every statement on `service_offer_version`: one row per version, pinned by orders and contracts. */
@Injectable()
export class OfferVersionRepository {
  async insert(em: EntityManager, offerId: string, createdBy: string, content: OfferContentValues, at: Date): Promise<void> {
    await queryRows(
      em,
      `INSERT INTO service_offer_version (offer_id, created_by, ${CONTENT_COLUMN_NAMES.join(', ')}, created_at)
       VALUES ($1, $2, ${CONTENT_COLUMN_NAMES.map((_, i) => `$${i + 3}`).join(', ')}, $${CONTENT_COLUMN_NAMES.length + 3})`,
      [offerId, createdBy, ...CONTENT_COLUMN_NAMES.map((c) => content[c]), at],
    );
  }

  /** A draft's only version is edited in place, with the draft. */
  async rewrite(em: EntityManager, offerId: string, version: number, content: OfferContentValues, at: Date): Promise<void> {
    const n = CONTENT_COLUMN_NAMES.length;
    const assignments = CONTENT_COLUMN_NAMES.map((c, i) => `${c} = $${i + 2}`).join(', ');
    await execute(em, `UPDATE service_offer_version SET ${assignments}, created_at = $${n + 3} WHERE offer_id = $1 AND version = $${n + 2}`, [
      offerId,
      ...CONTENT_COLUMN_NAMES.map((c) => content[c]),
      version,
      at,
    ]);
  }

  /** Every version of these offers, oldest first per offer. */
  ofOffers(em: EntityManager, offerIds: readonly string[]): Promise<OfferVersionRow[]> {
    return queryRows<OfferVersionRow>(em, 'SELECT * FROM service_offer_version WHERE offer_id = ANY($1) ORDER BY offer_id, version', [offerIds]);
  }

  /** The versions named by (offer, version) pairs, in one statement. */
  pinned(em: EntityManager, pins: readonly { offerId: string; version: number }[]): Promise<OfferVersionRow[]> {
    return queryRows<OfferVersionRow>(
      em,
      `SELECT v.* FROM service_offer_version v
       JOIN unnest($1::uuid[], $2::int[]) AS k(offer_id, version) ON k.offer_id = v.offer_id AND k.version = v.version`,
      [pins.map((p) => p.offerId), pins.map((p) => p.version)],
    );
  }

  one(em: EntityManager, offerId: string, version: number): Promise<OfferVersionRow | undefined> {
    return queryOne<OfferVersionRow>(em, 'SELECT * FROM service_offer_version WHERE offer_id = $1 AND version = $2', [offerId, version]);
  }
}
