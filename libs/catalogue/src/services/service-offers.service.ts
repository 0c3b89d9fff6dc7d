import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { ConnectionShape, MAX_OFFER_VERSIONS, parsePence, RequestLoaders } from '@mkt/common';
import { hasRole, Principal, Role, scopeCondition } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { fetchKeysetPage, queryRows, SqlFilter, TransactionRunner } from '@mkt/database';
import { OrganisationsService } from '@mkt/organisations';
import { ReferenceService } from '@mkt/reference';
import { OfferStatus, RiskLevel, Sex } from '../catalogue.enums';
import { CatalogueErrorCode, CatalogueException } from '../catalogue.exception';
import { CreateServiceOfferInput, ServiceOffersFilter, UpdateServiceOfferInput } from '../dtos/service-offer.inputs';
import { ServiceOfferVersionView, ServiceOfferView } from '../dtos/service-offer.types';
import {
  auditSnapshot,
  CONTENT_COLUMN_NAMES,
  mapOffer,
  mapOfferVersion,
  OfferContentValues,
  OfferRow,
  OfferVersionRow,
  StoredCommitment,
} from './offer.row';

type Page = { first: number; after?: string; withTotal: boolean };

@Injectable()
export class ServiceOffersService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly organisations: OrganisationsService,
  ) {}

  /**
   * What each role may see: a provider its own offers in any state; commissioners published
   * offers; directorate and auditors published and withdrawn ones; admins everything.
   */
  private async visibility(viewer: Principal, loaders: RequestLoaders, f: SqlFilter): Promise<void> {
    const scopes = await this.organisations.scopeOf(viewer, loaders, [Role.ADMIN]);
    if (scopes.some((scope) => scope.kind === 'ALL')) return;
    const parts: string[] = [];
    if (hasRole(viewer, Role.DIRECTORATE, Role.AUDITOR)) parts.push(`o.status IN ('PUBLISHED', 'WITHDRAWN')`);
    else if (hasRole(viewer, Role.COMMISSIONER)) parts.push(`o.status = 'PUBLISHED'`);
    // Offers are not region-bound for commissioners: only the provider's own offers come from its scope.
    const own = scopes.filter((scope) => scope.kind === 'PROVIDER');
    if (own.length) parts.push(scopeCondition(own, f, { provider: 'o.provider_id' }) ?? 'TRUE');
    f.where.push(parts.length ? `(${parts.join(' OR ')})` : 'FALSE');
  }

  create(actor: Principal, input: CreateServiceOfferInput): Promise<ServiceOfferView> {
    return this.db.run(async (em) => {
      const provider = await this.organisations.ownOrganisation(em, actor);
      const content = await this.contentValues(em, input, provider.id, 1);
      const [row]: OfferRow[] = await queryRows(
        em,
        `INSERT INTO service_offer (status, ${CONTENT_COLUMN_NAMES.join(', ')})
         VALUES ('DRAFT', ${CONTENT_COLUMN_NAMES.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
        CONTENT_COLUMN_NAMES.map((c) => content[c]),
      );
      await this.insertVersion(em, row.id, content, actor);
      const offer = mapOffer(row);
      await this.audit.record(em, actor, {
        action: 'serviceOffer.created',
        entityType: 'ServiceOffer',
        entityId: offer.id,
        after: auditSnapshot(offer),
      });
      return offer;
    });
  }

  /**
   * A draft is edited in place. Editing a published offer creates the next version, live at once;
   * earlier versions stay readable because orders pin them.
   */
  update(actor: Principal, id: string, input: UpdateServiceOfferInput): Promise<ServiceOfferView> {
    return this.db.run(async (em) => {
      // Content and prices are the provider's own offer to the NPS: an ADMIN may not rewrite them.
      const current = await this.lockOwn(em, actor, id, { ownerOnly: true });
      if (current.status === OfferStatus.WITHDRAWN) {
        throw new CatalogueException(CatalogueErrorCode.INVALID_STATE, 'A withdrawn offer cannot be edited');
      }
      const before = mapOffer(current);
      const merged = this.mergeInput(before, input);
      const nextVersion = current.status === OfferStatus.PUBLISHED ? current.version + 1 : current.version;
      // Every version is listed on the offer: bounded, so the list and its query cost are (LIST_BOUNDS).
      if (nextVersion > MAX_OFFER_VERSIONS) {
        throw new CatalogueException(
          CatalogueErrorCode.INVALID_STATE,
          `An offer keeps at most ${MAX_OFFER_VERSIONS} versions; withdraw it and create a new one`,
        );
      }
      const content = await this.contentValues(em, merged, current.provider_id, nextVersion);
      const assignments = CONTENT_COLUMN_NAMES.map((c, i) => `${c} = $${i + 2}`).join(', ');
      const [row]: OfferRow[] = await queryRows(em, `UPDATE service_offer SET ${assignments}, updated_at = now() WHERE id = $1 RETURNING *`, [
        id,
        ...CONTENT_COLUMN_NAMES.map((c) => content[c]),
      ]);
      if (nextVersion === current.version) {
        await queryRows(em, `UPDATE service_offer_version SET ${assignments}, created_at = now() WHERE offer_id = $1 AND version = ${nextVersion}`, [
          id,
          ...CONTENT_COLUMN_NAMES.map((c) => content[c]),
        ]);
      } else {
        await this.insertVersion(em, id, content, actor);
      }
      const after = mapOffer(row);
      await this.audit.record(em, actor, {
        action: nextVersion === current.version ? 'serviceOffer.draftEdited' : 'serviceOffer.versioned',
        entityType: 'ServiceOffer',
        entityId: id,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      });
      return after;
    });
  }

  publish(actor: Principal, id: string): Promise<ServiceOfferView> {
    return this.db.run(async (em) => {
      const current = await this.lockOwn(em, actor, id);
      if (current.status !== OfferStatus.DRAFT) {
        throw new CatalogueException(CatalogueErrorCode.INVALID_STATE, `Only a draft can be published; this offer is ${current.status}`);
      }
      const provider = await this.organisations.byId(em, current.provider_id);
      if (!provider?.verified) {
        throw new CatalogueException(
          CatalogueErrorCode.ORGANISATION_NOT_VERIFIED,
          'Offers can be published once an ADMIN has verified the organisation (registration numbers and safeguarding policy checked)',
        );
      }
      return this.transition(em, actor, current, OfferStatus.PUBLISHED, 'serviceOffer.published', 'published_at');
    });
  }

  withdraw(actor: Principal, id: string): Promise<ServiceOfferView> {
    return this.db.run(async (em) => {
      const current = await this.lockOwn(em, actor, id);
      if (current.status === OfferStatus.WITHDRAWN) {
        throw new CatalogueException(CatalogueErrorCode.INVALID_STATE, 'The offer is already withdrawn');
      }
      return this.transition(em, actor, current, OfferStatus.WITHDRAWN, 'serviceOffer.withdrawn', 'withdrawn_at');
    });
  }

  async get(viewer: Principal, loaders: RequestLoaders, id: string): Promise<ServiceOfferView> {
    const f = new SqlFilter().add('o.id = ?', id);
    await this.visibility(viewer, loaders, f);
    const rows: OfferRow[] = await queryRows(this.db.reader, `SELECT o.* FROM service_offer o WHERE ${f.where.join(' AND ')}`, f.params);
    if (!rows.length) throw CatalogueException.notFound();
    return mapOffer(rows[0]);
  }

  async search(viewer: Principal, loaders: RequestLoaders, filter: ServiceOffersFilter, page: Page): Promise<ConnectionShape<ServiceOfferView>> {
    const f = new SqlFilter();
    await this.visibility(viewer, loaders, f);
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
      f.add('o.provider_id IN (SELECT id FROM organisation WHERE income_band = ANY(?))', filter.providerIncomeBands);
    }
    return fetchKeysetPage<OfferRow, ServiceOfferView>(
      this.db.reader,
      { select: 'o.*', from: 'service_offer o', seqColumn: 'o.seq', where: f.where, params: f.params, ...page },
      mapOffer,
    );
  }

  /**
   * Offers by id for a page of rows that link to them (underpriced offers). The caller has
   * already applied its own visibility rule to the rows; this only loads them.
   */
  byIdLoader(loaders: RequestLoaders): DataLoader<string, ServiceOfferView | null> {
    return loaders.get(
      'catalogue.offerById',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows: OfferRow[] = await queryRows(this.db.reader, 'SELECT * FROM service_offer WHERE id = ANY($1::uuid[])', [ids]);
          const byId = new Map(rows.map((r) => [r.id, mapOffer(r)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  /** Versions of offers the viewer can see, oldest first, loaded for a whole page at once. */
  versionsLoader(loaders: RequestLoaders): DataLoader<string, ServiceOfferVersionView[]> {
    return loaders.get(
      'catalogue.versionsByOffer',
      () =>
        new DataLoader(async (offerIds: readonly string[]) => {
          const rows: OfferVersionRow[] = await queryRows(
            this.db.reader,
            'SELECT * FROM service_offer_version WHERE offer_id = ANY($1) ORDER BY offer_id, version',
            [offerIds],
          );
          const byOffer = new Map<string, ServiceOfferVersionView[]>();
          for (const row of rows) {
            const list = byOffer.get(row.offer_id) ?? [];
            list.push(mapOfferVersion(row));
            byOffer.set(row.offer_id, list);
          }
          return offerIds.map((id) => byOffer.get(id) ?? []);
        }),
    );
  }

  /** Pinned versions for a page of orders or contracts, keyed `offerId:version`. */
  pinnedVersionLoader(loaders: RequestLoaders): DataLoader<string, ServiceOfferVersionView | null> {
    return loaders.get(
      'catalogue.pinnedVersion',
      () =>
        new DataLoader(async (keys: readonly string[]) => {
          const pairs = keys.map((k) => k.split(':'));
          const rows: OfferVersionRow[] = await queryRows(
            this.db.reader,
            `SELECT v.* FROM service_offer_version v
             JOIN unnest($1::uuid[], $2::int[]) AS k(offer_id, version) ON k.offer_id = v.offer_id AND k.version = v.version`,
            [pairs.map((p) => p[0]), pairs.map((p) => Number(p[1]))],
          );
          const byKey = new Map(rows.map((r) => [`${r.offer_id}:${r.version}`, mapOfferVersion(r)]));
          return keys.map((k) => byKey.get(k) ?? null);
        }),
    );
  }

  /** For ordering: the offer as it is now (its current version is what an order pins). */
  async current(em: EntityManager, offerId: string): Promise<ServiceOfferView | null> {
    const rows: OfferRow[] = await queryRows(em, 'SELECT * FROM service_offer WHERE id = $1', [offerId]);
    return rows.length ? mapOffer(rows[0]) : null;
  }

  /** For orders and contracts: one pinned version, whatever has happened to the offer since. */
  async version(em: EntityManager, offerId: string, version: number): Promise<ServiceOfferVersionView | null> {
    const rows: OfferVersionRow[] = await queryRows(em, 'SELECT * FROM service_offer_version WHERE offer_id = $1 AND version = $2', [
      offerId,
      version,
    ]);
    return rows.length ? mapOfferVersion(rows[0]) : null;
  }

  private async transition(
    em: EntityManager,
    actor: Principal,
    current: OfferRow,
    status: OfferStatus,
    action: string,
    timestampColumn: 'published_at' | 'withdrawn_at',
  ): Promise<ServiceOfferView> {
    const [row]: OfferRow[] = await queryRows(
      em,
      `UPDATE service_offer SET status = $2, ${timestampColumn} = now(), updated_at = now() WHERE id = $1 RETURNING *`,
      [current.id, status],
    );
    const after = mapOffer(row);
    await this.audit.record(em, actor, {
      action,
      entityType: 'ServiceOffer',
      entityId: current.id,
      before: auditSnapshot(mapOffer(current)),
      after: auditSnapshot(after),
    });
    return after;
  }

  /**
   * Only the owning provider (or, for status changes, an ADMIN) changes an offer; to anyone else it
   * does not exist.
   */
  private async lockOwn(em: EntityManager, actor: Principal, id: string, options: { ownerOnly?: boolean } = {}): Promise<OfferRow> {
    const f = new SqlFilter().add('o.id = ?', id);
    if (options.ownerOnly || !hasRole(actor, Role.ADMIN)) {
      f.add('o.provider_id = ?::uuid', await this.organisations.idOf(em, actor.org));
    }
    const rows: OfferRow[] = await queryRows(em, `SELECT o.* FROM service_offer o WHERE ${f.where.join(' AND ')} FOR UPDATE`, f.params);
    if (!rows.length) throw CatalogueException.notFound();
    return rows[0];
  }

  private async insertVersion(em: EntityManager, offerId: string, content: OfferContentValues, actor: Principal) {
    await queryRows(
      em,
      `INSERT INTO service_offer_version (offer_id, created_by, ${CONTENT_COLUMN_NAMES.join(', ')})
       VALUES ($1, $2, ${CONTENT_COLUMN_NAMES.map((_, i) => `$${i + 3}`).join(', ')})`,
      [offerId, actor.sub, ...CONTENT_COLUMN_NAMES.map((c) => content[c])],
    );
  }

  /** Current content with the partial input laid over it, in the create-input shape. */
  private mergeInput(current: ServiceOfferView, input: UpdateServiceOfferInput): CreateServiceOfferInput {
    const regionsChanged = input.regionCodes !== undefined;
    return {
      title: input.title ?? current.title,
      summary: input.summary ?? current.summary,
      category: input.category ?? current.category,
      regionCodes: input.regionCodes ?? current.regionCodes,
      // New regions without new PDUs: cover every PDU of the new regions.
      pduCodes: input.pduCodes ?? (regionsChanged ? undefined : current.pduCodes),
      deliveryModes: input.deliveryModes ?? current.deliveryModes,
      eligibility: input.eligibility ?? {
        minAge: current.eligibility.minAge ?? undefined,
        maxAge: current.eligibility.maxAge ?? undefined,
        sexes: current.eligibility.sexes,
        riskLevels: current.eligibility.riskLevels,
      },
      specialisms: input.specialisms ?? current.specialisms,
      capacityPerMonth: input.capacityPerMonth ?? current.capacityPerMonth,
      pricingUnit: input.pricingUnit ?? current.pricingUnit,
      unitPrice: input.unitPrice ?? current.unitPrice.amount,
      declaredFullCostPerUnit: input.declaredFullCostPerUnit ?? current.declaredFullCostPerUnit.amount,
      outcomeCommitments:
        input.outcomeCommitments ?? current.outcomeCommitments.map((c) => ({ measureCode: c.measureCode, expectedRate: c.expectedRate })),
    };
  }

  /** Validates references (regions, PDUs, measures) and fills defaults; returns column values. */
  private async contentValues(em: EntityManager, input: CreateServiceOfferInput, providerId: string, version: number): Promise<OfferContentValues> {
    const regionCodes = [...new Set(input.regionCodes)];
    this.reference.assertRegions(regionCodes, 'regionCodes');
    const pduCodes = input.pduCodes?.length ? [...new Set(input.pduCodes)] : this.reference.pduCodesOf(regionCodes);
    this.reference.assertPdusWithin(pduCodes, regionCodes, 'pduCodes');
    const eligibility = input.eligibility ?? {};
    if (eligibility.minAge !== undefined && eligibility.maxAge !== undefined && eligibility.minAge > eligibility.maxAge) {
      throw CatalogueException.badInput('eligibility.maxAge', 'must not be below minAge');
    }
    const codes = input.outcomeCommitments.map((c) => c.measureCode);
    if (new Set(codes).size !== codes.length) {
      throw CatalogueException.badInput('outcomeCommitments', 'each outcome measure may appear once');
    }
    const measures = await this.reference.assertMeasures(em, codes, 'outcomeCommitments.measureCode');
    const commitments: StoredCommitment[] = input.outcomeCommitments.map((c) => {
      const measure = measures.get(c.measureCode)!;
      return {
        measureCode: measure.code,
        measureName: measure.name,
        unit: measure.unit,
        direction: measure.direction,
        expectedRate: c.expectedRate,
      };
    });
    return {
      provider_id: providerId,
      version,
      title: input.title.trim(),
      summary: input.summary.trim(),
      category: input.category,
      region_codes: regionCodes,
      pdu_codes: pduCodes,
      delivery_modes: [...new Set(input.deliveryModes ?? [])],
      min_age: eligibility.minAge ?? null,
      max_age: eligibility.maxAge ?? null,
      sexes: eligibility.sexes?.length ? [...new Set(eligibility.sexes)] : Object.values(Sex),
      risk_levels: eligibility.riskLevels?.length ? [...new Set(eligibility.riskLevels)] : Object.values(RiskLevel),
      specialisms: [...new Set(input.specialisms ?? [])],
      capacity_per_month: input.capacityPerMonth,
      pricing_unit: input.pricingUnit,
      unit_price_pence: parsePence(input.unitPrice).toString(),
      declared_full_cost_pence: parsePence(input.declaredFullCostPerUnit).toString(),
      outcome_commitments: JSON.stringify(commitments),
    };
  }
}
