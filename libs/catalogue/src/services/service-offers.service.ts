import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { Clock, ConnectionShape, MAX_OFFER_VERSIONS, parsePence, RequestLoaders } from '@mkt/common';
import { hasRole, Principal, Role } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { TransactionRunner } from '@mkt/database';
import { OrganisationsService } from '@mkt/organisations';
import { ReferenceService } from '@mkt/reference';
import { OfferStatus, RiskLevel, Sex } from '../catalogue.enums';
import { CatalogueErrorCode, CatalogueException } from '../catalogue.exception';
import { CreateServiceOfferInput, ServiceOffersFilter, UpdateServiceOfferInput } from '../dtos/service-offer.inputs';
import { ServiceOfferVersionView, ServiceOfferView } from '../dtos/service-offer.types';
import { auditSnapshot, mapOffer, mapOfferVersion, OfferContentValues, OfferRow, StoredCommitment } from './offer.row';
import { OfferVersionRepository } from '../repositories/offer-version.repository';
import { ServiceOfferRepository } from '../repositories/service-offer.repository';
import { offerAudience, OfferAudience, SEES_ALL_OFFERS } from '../rules/offer-audience';

type Page = { first: number; after?: string; withTotal: boolean };

@Injectable()
export class ServiceOffersService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly organisations: OrganisationsService,
    private readonly offers: ServiceOfferRepository,
    private readonly versions: OfferVersionRepository,
    private readonly clock: Clock,
  ) {}

  /** The offers the viewer may see, from its tenancy scopes (resolved once per request). */
  private async audience(viewer: Principal, loaders: RequestLoaders): Promise<OfferAudience | undefined> {
    return offerAudience(viewer, await this.organisations.scopeOf(viewer, loaders, SEES_ALL_OFFERS));
  }

  create(actor: Principal, input: CreateServiceOfferInput): Promise<ServiceOfferView> {
    return this.db.run(async (em) => {
      const provider = await this.organisations.ownOrganisation(em, actor);
      const content = await this.contentValues(em, input, provider.id, 1);
      const now = this.clock.now();
      const row = await this.offers.insertDraft(em, content, now);
      await this.versions.insert(em, row.id, actor.sub, content, now);
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
      const now = this.clock.now();
      const row = await this.offers.updateContent(em, id, content, now);
      if (nextVersion === current.version) await this.versions.rewrite(em, id, nextVersion, content, now);
      else await this.versions.insert(em, id, actor.sub, content, now);
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
    const row = await this.offers.findVisible(this.db.reader, id, await this.audience(viewer, loaders));
    if (!row) throw CatalogueException.notFound();
    return mapOffer(row);
  }

  async search(viewer: Principal, loaders: RequestLoaders, filter: ServiceOffersFilter, page: Page): Promise<ConnectionShape<ServiceOfferView>> {
    return this.offers.search(this.db.reader, filter, await this.audience(viewer, loaders), page);
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
          const rows = await this.offers.byIds(this.db.reader, ids);
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
          const rows = await this.versions.ofOffers(this.db.reader, offerIds);
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
          const pins = keys.map((k) => k.split(':')).map(([offerId, version]) => ({ offerId, version: Number(version) }));
          const rows = await this.versions.pinned(this.db.reader, pins);
          const byKey = new Map(rows.map((r) => [`${r.offer_id}:${r.version}`, mapOfferVersion(r)]));
          return keys.map((k) => byKey.get(k) ?? null);
        }),
    );
  }

  /** For ordering: the offer as it is now (its current version is what an order pins). */
  async current(em: EntityManager, offerId: string): Promise<ServiceOfferView | null> {
    const row = await this.offers.byId(em, offerId);
    return row ? mapOffer(row) : null;
  }

  /** For orders and contracts: one pinned version, whatever has happened to the offer since. */
  async version(em: EntityManager, offerId: string, version: number): Promise<ServiceOfferVersionView | null> {
    const row = await this.versions.one(em, offerId, version);
    return row ? mapOfferVersion(row) : null;
  }

  private async transition(
    em: EntityManager,
    actor: Principal,
    current: OfferRow,
    status: OfferStatus,
    action: string,
    timestampColumn: 'published_at' | 'withdrawn_at',
  ): Promise<ServiceOfferView> {
    const after = mapOffer(await this.offers.setStatus(em, current.id, status, timestampColumn, this.clock.now()));
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
    const owner = options.ownerOnly || !hasRole(actor, Role.ADMIN) ? { providerId: await this.organisations.idOf(em, actor.org) } : undefined;
    const row = await this.offers.lockForChange(em, id, owner);
    if (!row) throw CatalogueException.notFound();
    return row;
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
