import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { Clock, ConnectionShape, RequestLoaders } from '@mkt/common';
import { AccessException, hasRole, Principal, Role, type Scope, scopesOf, SEES_ALL_ROLES } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { pgErrorCode, PG_UNIQUE_VIOLATION, TransactionRunner } from '@mkt/database';
import { ReferenceService } from '@mkt/reference';
import { OrganisationView } from '../dtos/organisation.type';
import { OrganisationsFilter, RegisterOrganisationInput, UpdateOrganisationInput } from '../dtos/organisation.inputs';
import { OrganisationErrorCode, OrganisationException } from '../organisation.exception';
import { impliedCharityNumber, impliedCompanyNumber, parseOrgIdentifier, ParsedIdentifier } from '../utils/org-identifier';
import { OrganisationRepository } from '../repositories/organisation.repository';
import { mapOrganisation, OrganisationRow } from './organisation.row';

const badInput = (field: string, message: string) =>
  new OrganisationException(OrganisationErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });

/**
 * Registration details a provider may not change on its own once an ADMIN has verified them:
 * verification is due diligence on exactly these facts (income band and type included, since they
 * decide where the organisation counts in the inclusion figures).
 */
const DUE_DILIGENCE_FIELDS = ['legalName', 'charityNumber', 'companyNumber', 'organisationType', 'incomeBand'] as const;

/** Roles that see every organisation (a provider sees its own only). */
const ORGANISATION_READERS: readonly Role[] = [Role.ADMIN, Role.DIRECTORATE, Role.AUDITOR, Role.COMMISSIONER];

type Page = { first: number; after?: string; withTotal: boolean };

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly rows: OrganisationRepository,
    private readonly clock: Clock,
  ) {}

  register(actor: Principal, input: RegisterOrganisationInput): Promise<OrganisationView> {
    if (!hasRole(actor, Role.ADMIN) && !(hasRole(actor, Role.PROVIDER) && actor.org === input.identifier)) {
      throw AccessException.forbidden('Only an ADMIN, or a provider registering its own organisation, may register it');
    }
    const parsed = parseOrgIdentifier(input.identifier);
    if (!parsed.ok) throw badInput('identifier', parsed.reason);
    this.reference.assertRegions(input.regionCodes ?? [], 'regionCodes');
    const numbers = this.registrationNumbers(parsed.value, input.charityNumber, input.companyNumber);

    return this.db.run(async (em) => {
      const row = await this.rows
        .insert(
          em,
          {
            identifier: input.identifier,
            scheme: parsed.value.scheme,
            legalName: input.legalName.trim(),
            ...numbers,
            organisationType: input.organisationType,
            incomeBand: input.incomeBand,
            regionCodes: [...new Set(input.regionCodes ?? [])],
            contactEmail: input.contactEmail,
          },
          this.clock.now(),
        )
        .catch((error: unknown) => {
          if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
            throw new OrganisationException(
              OrganisationErrorCode.ORGANISATION_ALREADY_REGISTERED,
              `An organisation with identifier ${input.identifier} is already registered`,
              { field: 'identifier' },
            );
          }
          throw error;
        });
      const organisation = mapOrganisation(row);
      await this.audit.record(em, actor, {
        action: 'organisation.registered',
        entityType: 'Organisation',
        entityId: organisation.id,
        after: organisation,
      });
      return organisation;
    });
  }

  update(actor: Principal, id: string, input: UpdateOrganisationInput): Promise<OrganisationView> {
    if (input.regionCodes !== undefined) this.reference.assertRegions(input.regionCodes, 'regionCodes');
    return this.db.run(async (em) => {
      const row = await this.lockVisible(em, actor, id);
      const parsed = parseOrgIdentifier(row.identifier);
      if (!parsed.ok) throw new Error(`stored identifier ${row.identifier} is invalid`);
      const numbers = this.registrationNumbers(
        parsed.value,
        input.charityNumber ?? row.charity_number ?? undefined,
        input.companyNumber ?? row.company_number ?? undefined,
      );
      const before = mapOrganisation(row);
      const changedFields = DUE_DILIGENCE_FIELDS.filter((field) => {
        const value = field === 'legalName' ? input.legalName?.trim() : input[field];
        return value !== undefined && value !== null && value !== before[field];
      });
      // A verified organisation that changes its registration details needs verifying again.
      const verified = row.verified && (hasRole(actor, Role.ADMIN) || !changedFields.length);
      const updated = await this.rows.update(
        em,
        id,
        {
          legalName: input.legalName?.trim() ?? row.legal_name,
          ...numbers,
          organisationType: input.organisationType ?? row.organisation_type,
          incomeBand: input.incomeBand ?? row.income_band,
          regionCodes: input.regionCodes !== undefined ? [...new Set(input.regionCodes)] : row.region_codes,
          contactEmail: input.contactEmail ?? row.contact_email,
          verified,
        },
        this.clock.now(),
      );
      const after = mapOrganisation(updated);
      await this.audit.record(em, actor, { action: 'organisation.updated', entityType: 'Organisation', entityId: id, before, after });
      if (row.verified && !verified) {
        await this.audit.record(em, actor, {
          action: 'organisation.verificationLapsed',
          entityType: 'Organisation',
          entityId: id,
          before: { verified: true, verifiedAt: before.verifiedAt },
          after: { verified: false, changedFields },
        });
      }
      return after;
    });
  }

  verify(actor: Principal, id: string): Promise<OrganisationView> {
    return this.db.run(async (em) => {
      const row = await this.lockVisible(em, actor, id);
      if (row.verified) return mapOrganisation(row);
      const after = mapOrganisation(await this.rows.markVerified(em, id, actor.sub, this.clock.now()));
      await this.audit.record(em, actor, {
        action: 'organisation.verified',
        entityType: 'Organisation',
        entityId: id,
        before: mapOrganisation(row),
        after,
      });
      return after;
    });
  }

  async get(viewer: Principal, loaders: RequestLoaders, where: { id?: string; identifier?: string }): Promise<OrganisationView> {
    const key = where.id ? { id: where.id } : where.identifier ? { identifier: where.identifier } : undefined;
    if (!key) throw badInput('id', 'give an id or an identifier');
    const row = await this.rows.findVisible(this.db.reader, key, await this.organisationScopes(viewer, loaders));
    if (!row) throw OrganisationException.notFound();
    return mapOrganisation(row);
  }

  async list(viewer: Principal, loaders: RequestLoaders, filter: OrganisationsFilter, page: Page): Promise<ConnectionShape<OrganisationView>> {
    return this.rows.page(this.db.reader, filter, await this.organisationScopes(viewer, loaders), page);
  }

  /**
   * Batch loader by id, for `provider { ... }` on offers, orders and contracts. It does not filter
   * by viewer: callers only reach it through a record the viewer may already see.
   */
  loader(loaders: RequestLoaders): DataLoader<string, OrganisationView | null> {
    return loaders.get('organisations.byId', () => new DataLoader((ids: readonly string[]) => this.loadByIds(ids)));
  }

  async loadByIds(ids: readonly string[]): Promise<(OrganisationView | null)[]> {
    const rows = await this.rows.byIds(this.db.reader, ids);
    const byId = new Map(rows.map((row) => [row.id, mapOrganisation(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * The caller's tenancy scopes for this request. The provider's organisation id is looked up once
   * per request (cached in its loaders) and shared by every lib that filters by it.
   */
  async scopeOf(principal: Principal, loaders: RequestLoaders, seesAll: readonly Role[] = SEES_ALL_ROLES): Promise<Scope[]> {
    const needsOrganisation = hasRole(principal, Role.PROVIDER) && !hasRole(principal, ...seesAll);
    const organisationId = needsOrganisation && principal.org ? await this.idByIdentifierLoader(loaders).load(principal.org) : null;
    return scopesOf(principal, organisationId, seesAll);
  }

  /**
   * Organisations are public to every role but PROVIDER, which sees its own only. A token with no
   * role at all also sees just the organisation its `org` claim names, as it always has.
   */
  private async organisationScopes(viewer: Principal, loaders: RequestLoaders): Promise<Scope[]> {
    const scopes = await this.scopeOf(viewer, loaders, ORGANISATION_READERS);
    if (scopes.length) return scopes;
    const organisationId = viewer.org ? await this.idByIdentifierLoader(loaders).load(viewer.org) : null;
    return [{ kind: 'PROVIDER', organisationId }];
  }

  private idByIdentifierLoader(loaders: RequestLoaders): DataLoader<string, string | null> {
    return loaders.get(
      'organisations.idByIdentifier',
      () =>
        new DataLoader(async (identifiers: readonly string[]) => {
          const ids = await this.rows.idsByIdentifier(this.db.reader, identifiers);
          return identifiers.map((identifier) => ids.get(identifier) ?? null);
        }),
    );
  }

  /** The id of the organisation an `org` claim names, inside the caller's transaction; null if unregistered. */
  async idOf(em: EntityManager, identifier: string | undefined): Promise<string | null> {
    return identifier ? this.rows.idOf(em, identifier) : null;
  }

  /** The organisation a PROVIDER token acts for (by its `org` claim), inside the caller's transaction. */
  async ownOrganisation(em: EntityManager, actor: Principal): Promise<OrganisationView> {
    const row = actor.org ? await this.rows.byIdentifier(em, actor.org) : undefined;
    if (!row) {
      throw new OrganisationException(
        OrganisationErrorCode.NO_ORGANISATION,
        `Your token's organisation ${actor.org ?? '(none)'} is not registered; register it first`,
      );
    }
    return mapOrganisation(row);
  }

  async byId(em: EntityManager, id: string): Promise<OrganisationView | null> {
    const row = await this.rows.byId(em, id);
    return row ? mapOrganisation(row) : null;
  }

  /** Only an ADMIN or the organisation's own provider may change it; others find nothing. */
  private async lockVisible(em: EntityManager, actor: Principal, id: string): Promise<OrganisationRow> {
    const row = await this.rows.lockForChange(em, id, hasRole(actor, Role.ADMIN) ? undefined : (actor.org ?? ''));
    if (!row) throw OrganisationException.notFound();
    return row;
  }

  private registrationNumbers(id: ParsedIdentifier, charityNumber?: string, companyNumber?: string) {
    const impliedCharity = impliedCharityNumber(id);
    const impliedCompany = impliedCompanyNumber(id);
    if (impliedCharity && charityNumber && charityNumber !== impliedCharity) {
      throw badInput('charityNumber', `must match the identifier's registration number ${impliedCharity}`);
    }
    if (impliedCompany && companyNumber && companyNumber !== impliedCompany) {
      throw badInput('companyNumber', `must match the identifier's company number ${impliedCompany}`);
    }
    return {
      charityNumber: charityNumber ?? impliedCharity ?? null,
      companyNumber: companyNumber ?? impliedCompany ?? null,
    };
  }
}
