import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConnectionShape, parsePence } from '@mkt/common';
import { scopeCondition } from '@mkt/auth';
import { fetchKeysetPage, queryOne, queryRows, SqlFilter } from '@mkt/database';
import { OfferStatus } from '../catalogue.enums';
import { ServiceOffersFilter } from '../dtos/service-offer.inputs';
import { ServiceOfferView } from '../dtos/service-offer.types';
import type { OfferAudience } from '../rules/offer-audience';
import { CONTENT_COLUMN_NAMES, mapOffer, OfferContentValues, OfferRow } from '../services/offer.row';

type Page = { first: number; after?: string; withTotal: boolean };

/** Every statement on `service_offer`. Callers choose the EntityManager (a transaction or the reader). */
@Injectable()
export class ServiceOfferRepository {
  async insertDraft(em: EntityManager, content: OfferContentValues, at: Date): Promise<OfferRow> {
    const n = CONTENT_COLUMN_NAMES.length;
    const [row] = await queryRows<OfferRow>(
      em,
      `INSERT INTO service_offer (status, ${CONTENT_COLUMN_NAMES.join(', ')}, created_at, updated_at)
       VALUES ('DRAFT', ${CONTENT_COLUMN_NAMES.map((_, i) => `$${i + 1}`).join(', ')}, $${n + 1}, $${n + 1}) RETURNING *`,
      [...CONTENT_COLUMN_NAMES.map((c) => content[c]), at],
    );
    return row;
  }

  async updateContent(em: EntityManager, id: string, content: OfferContentValues, at: Date): Promise<OfferRow> {
    const assignments = CONTENT_COLUMN_NAMES.map((c, i) => `${c} = $${i + 2}`).join(', ');
    const [row] = await queryRows<OfferRow>(
      em,
      `UPDATE service_offer SET ${assignments}, updated_at = $${CONTENT_COLUMN_NAMES.length + 2} WHERE id = $1 RETURNING *`,
      [id, ...CONTENT_COLUMN_NAMES.map((c) => content[c]), at],
    );
    return row;
  }

  async setStatus(em: EntityManager, id: string, status: OfferStatus, timestampColumn: 'published_at' | 'withdrawn_at', at: Date): Promise<OfferRow> {
    const [row] = await queryRows<OfferRow>(
      em,
      `UPDATE service_offer SET status = $2, ${timestampColumn} = $3, updated_at = $3 WHERE id = $1 RETURNING *`,
      [id, status, at],
    );
    return row;
  }

  /** Locks the offer for a change; `owner` limits it to one provider's offers (none when its id is null). */
  lockForChange(em: EntityManager, id: string, owner?: { providerId: string | null }): Promise<OfferRow | undefined> {
    const f = new SqlFilter().add('o.id = ?', id);
    if (owner) f.add('o.provider_id = ?::uuid', owner.providerId);
    return queryOne<OfferRow>(em, `SELECT o.* FROM service_offer o WHERE ${f.where.join(' AND ')} FOR UPDATE`, f.params);
  }

  /** Row lock only (no row returned): holds the offer for the rest of the caller's transaction. */
  async lockRow(em: EntityManager, id: string): Promise<void> {
    await queryRows(em, 'SELECT id FROM service_offer WHERE id = $1 FOR UPDATE', [id]);
  }

  findVisible(em: EntityManager, id: string, audience: OfferAudience | undefined): Promise<OfferRow | undefined> {
    const f = new SqlFilter().add('o.id = ?', id);
    restrictTo(f, audience);
    return queryOne<OfferRow>(em, `SELECT o.* FROM service_offer o WHERE ${f.where.join(' AND ')}`, f.params);
  }

  search(
    em: EntityManager,
    filter: ServiceOffersFilter,
    audience: OfferAudience | undefined,
    page: Page,
  ): Promise<ConnectionShape<ServiceOfferView>> {
    const f = new SqlFilter();
    restrictTo(f, audience);
    if (filter.text?.trim()) f.add(`o.search @@ websearch_to_tsquery('english', ?)`, filter.text.trim());
    f.addIf(filter.categories, 'o.category = ANY(?)')
      .addIf(filter.regionCodes, 'o.region_codes && ?::text[]')
      .addIf(filter.pduCodes, 'o.pdu_codes && ?::text[]')
      .addIf(filter.specialisms, 'o.specialisms && ?::text[]')
      .addIf(filter.minCapacity, 'o.capacity_per_month >= ?')
      .addIf(filter.status, 'o.status = ?')
      .addIf(filter.providerId, 'o.provider_id = ?');
    if (filter.maxUnitPrice !== undefined) f.add('o.unit_price_pence <= ?', parsePence(filter.maxUnitPrice).toString());
    if (filter.providerIncomeBands?.length) {
      f.add('o.provider_id IN (SELECT id FROM organisation_profile_v WHERE income_band = ANY(?))', filter.providerIncomeBands);
    }
    return fetchKeysetPage<OfferRow, ServiceOfferView>(
      em,
      { select: 'o.*', from: 'service_offer o', seqColumn: 'o.seq', where: f.where, params: f.params, ...page },
      mapOffer,
    );
  }

  byIds(em: EntityManager, ids: readonly string[]): Promise<OfferRow[]> {
    return queryRows<OfferRow>(em, 'SELECT * FROM service_offer WHERE id = ANY($1::uuid[])', [ids]);
  }

  byId(em: EntityManager, id: string): Promise<OfferRow | undefined> {
    return queryOne<OfferRow>(em, 'SELECT * FROM service_offer WHERE id = $1', [id]);
  }
}

/**
 * The audience as one condition: its statuses from any provider, or any offer of its own
 * organisations. Statuses are enum constants written as literals, so the planner can use the
 * (status, seq) index exactly as before.
 */
function restrictTo(f: SqlFilter, audience: OfferAudience | undefined): void {
  if (!audience) return;
  const parts: string[] = [];
  if (audience.statuses.length === 1) parts.push(`o.status = '${audience.statuses[0]}'`);
  else if (audience.statuses.length) parts.push(`o.status IN (${audience.statuses.map((status) => `'${status}'`).join(', ')})`);
  if (audience.own.length) parts.push(scopeCondition(audience.own, f, { provider: 'o.provider_id' }) ?? 'TRUE');
  f.where.push(parts.length ? `(${parts.join(' OR ')})` : 'FALSE');
}
