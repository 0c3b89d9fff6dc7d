import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { ConnectionShape, RequestLoaders } from '@mkt/common';
import { AccessException, hasRole, Principal, Role, type Scope, scopesOf, SEES_ALL_ROLES } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { fetchKeysetPage, pgErrorCode, PG_UNIQUE_VIOLATION, queryRows, SqlFilter, TransactionRunner } from '@mkt/database';
import { ReferenceService } from '@mkt/reference';
import { OrganisationView } from '../dtos/organisation.type';
import { OrganisationsFilter, RegisterOrganisationInput, UpdateOrganisationInput } from '../dtos/organisation.inputs';
import { OrganisationErrorCode, OrganisationException } from '../organisation.exception';
import { impliedCharityNumber, impliedCompanyNumber, parseOrgIdentifier, ParsedIdentifier } from '../utils/org-identifier';
import { mapOrganisation, OrganisationRow } from './organisation.row';

const badInput = (field: string, message: string) =>
  new OrganisationException(OrganisationErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });

/**
 * Registration details a provider may not change on its own once an ADMIN has verified them:
 * verification is due diligence on exactly these facts (income band and type included, since they
 * decide where the organisation counts in the inclusion figures).
 */
const DUE_DILIGENCE_FIELDS = ['legalName', 'charityNumber', 'companyNumber', 'organisationType', 'incomeBand'] as const;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
  ) {}

  /** Providers see only their own organisation; every other role sees all organisations. */
  private visibility(viewer: Principal, filter: SqlFilter, alias = 'o'): void {
    if (hasRole(viewer, Role.ADMIN, Role.DIRECTORATE, Role.AUDITOR, Role.COMMISSIONER)) return;
    filter.add(`${alias}.identifier = ?`, viewer.org ?? '');
  }

  register(actor: Principal, input: RegisterOrganisationInput): Promise<OrganisationView> {
    if (!hasRole(actor, Role.ADMIN) && !(hasRole(actor, Role.PROVIDER) && actor.org === input.identifier)) {
      throw AccessException.forbidden('Only an ADMIN, or a provider registering its own organisation, may register it');
    }
    const parsed = parseOrgIdentifier(input.identifier);
    if (!parsed.ok) throw badInput('identifier', parsed.reason);
    this.reference.assertRegions(input.regionCodes ?? [], 'regionCodes');
    const numbers = this.registrationNumbers(parsed.value, input.charityNumber, input.companyNumber);

    return this.db.run(async (em) => {
      const rows: OrganisationRow[] = await queryRows<OrganisationRow>(
        em,
        `INSERT INTO organisation (identifier, scheme, legal_name, charity_number, company_number, organisation_type,
                                     income_band, region_codes, contact_email)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          input.identifier,
          parsed.value.scheme,
          input.legalName.trim(),
          numbers.charityNumber,
          numbers.companyNumber,
          input.organisationType,
          input.incomeBand,
          [...new Set(input.regionCodes ?? [])],
          input.contactEmail,
        ],
      ).catch((error: unknown) => {
        if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
          throw new OrganisationException(
            OrganisationErrorCode.ORGANISATION_ALREADY_REGISTERED,
            `An organisation with identifier ${input.identifier} is already registered`,
            { field: 'identifier' },
          );
        }
        throw error;
      });
      const organisation = mapOrganisation(rows[0]);
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
      const isAdmin = hasRole(actor, Role.ADMIN);
      const changedFields = DUE_DILIGENCE_FIELDS.filter((field) => {
        const value = field === 'legalName' ? input.legalName?.trim() : input[field];
        return value !== undefined && value !== null && value !== before[field];
      });
      // A verified organisation that changes its registration details needs verifying again.
      const verified = row.verified && (isAdmin || !changedFields.length);
      const [updated]: OrganisationRow[] = await queryRows(
        em,
        `UPDATE organisation SET legal_name = $2, charity_number = $3, company_number = $4, organisation_type = $5,
                income_band = $6, region_codes = $7, contact_email = $8, verified = $9,
                verified_at = CASE WHEN $9 THEN verified_at END, verified_by = CASE WHEN $9 THEN verified_by END,
                updated_at = now()
         WHERE id = $1 RETURNING *`,
        [
          id,
          input.legalName?.trim() ?? row.legal_name,
          numbers.charityNumber,
          numbers.companyNumber,
          input.organisationType ?? row.organisation_type,
          input.incomeBand ?? row.income_band,
          input.regionCodes !== undefined ? [...new Set(input.regionCodes)] : row.region_codes,
          input.contactEmail ?? row.contact_email,
          verified,
        ],
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
      const [updated]: OrganisationRow[] = await queryRows(
        em,
        `UPDATE organisation SET verified = true, verified_at = now(), verified_by = $2, updated_at = now()
         WHERE id = $1 RETURNING *`,
        [id, actor.sub],
      );
      const after = mapOrganisation(updated);
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

  async get(viewer: Principal, where: { id?: string; identifier?: string }): Promise<OrganisationView> {
    const filter = new SqlFilter();
    if (where.id) filter.add('o.id = ?', where.id);
    else if (where.identifier) filter.add('o.identifier = ?', where.identifier);
    else throw badInput('id', 'give an id or an identifier');
    this.visibility(viewer, filter);
    const rows: OrganisationRow[] = await queryRows(
      this.db.reader,
      `SELECT o.* FROM organisation o WHERE ${filter.where.join(' AND ')}`,
      filter.params,
    );
    if (!rows.length) throw OrganisationException.notFound();
    return mapOrganisation(rows[0]);
  }

  list(
    viewer: Principal,
    filter: OrganisationsFilter,
    page: { first: number; after?: string; withTotal: boolean },
  ): Promise<ConnectionShape<OrganisationView>> {
    const f = new SqlFilter();
    this.visibility(viewer, f);
    if (filter.text) {
      const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      f.add('(o.legal_name ILIKE ? OR o.identifier ILIKE ?)', pattern, pattern);
    }
    f.addIf(filter.incomeBands, 'o.income_band = ANY(?)')
      .addIf(filter.organisationTypes, 'o.organisation_type = ANY(?)')
      .addIf(filter.regionCodes, 'o.region_codes && ?::text[]');
    if (filter.verified !== undefined) f.add('o.verified = ?', filter.verified);
    return fetchKeysetPage<OrganisationRow, OrganisationView>(
      this.db.reader,
      { select: 'o.*', from: 'organisation o', seqColumn: 'o.seq', where: f.where, params: f.params, ...page },
      mapOrganisation,
    );
  }

  /**
   * Batch loader by id, for `provider { ... }` on offers, orders and contracts. It does not filter
   * by viewer: callers only reach it through a record the viewer may already see.
   */
  loader(loaders: RequestLoaders): DataLoader<string, OrganisationView | null> {
    return loaders.get('organisations.byId', () => new DataLoader((ids: readonly string[]) => this.loadByIds(ids)));
  }

  async loadByIds(ids: readonly string[]): Promise<(OrganisationView | null)[]> {
    const rows: OrganisationRow[] = await queryRows(this.db.reader, 'SELECT * FROM organisation WHERE id = ANY($1)', [ids]);
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

  private idByIdentifierLoader(loaders: RequestLoaders): DataLoader<string, string | null> {
    return loaders.get(
      'organisations.idByIdentifier',
      () =>
        new DataLoader(async (identifiers: readonly string[]) => {
          const rows = await queryRows<{ id: string; identifier: string }>(
            this.db.reader,
            'SELECT id, identifier FROM organisation WHERE identifier = ANY($1)',
            [identifiers],
          );
          const byIdentifier = new Map(rows.map((row) => [row.identifier, row.id]));
          return identifiers.map((identifier) => byIdentifier.get(identifier) ?? null);
        }),
    );
  }

  /** The id of the organisation an `org` claim names, inside the caller's transaction; null if unregistered. */
  async idOf(em: EntityManager, identifier: string | undefined): Promise<string | null> {
    if (!identifier) return null;
    const rows = await queryRows<{ id: string }>(em, 'SELECT id FROM organisation WHERE identifier = $1', [identifier]);
    return rows[0]?.id ?? null;
  }

  /** The organisation a PROVIDER token acts for (by its `org` claim), inside the caller's transaction. */
  async ownOrganisation(em: EntityManager, actor: Principal): Promise<OrganisationView> {
    const rows: OrganisationRow[] = actor.org ? await queryRows(em, 'SELECT * FROM organisation WHERE identifier = $1', [actor.org]) : [];
    if (!rows.length) {
      throw new OrganisationException(
        OrganisationErrorCode.NO_ORGANISATION,
        `Your token's organisation ${actor.org ?? '(none)'} is not registered; register it first`,
      );
    }
    return mapOrganisation(rows[0]);
  }

  async byId(em: EntityManager, id: string): Promise<OrganisationView | null> {
    const rows: OrganisationRow[] = await queryRows(em, 'SELECT * FROM organisation WHERE id = $1', [id]);
    return rows.length ? mapOrganisation(rows[0]) : null;
  }

  /** Only an ADMIN or the organisation's own provider may change it; others find nothing. */
  private async lockVisible(em: EntityManager, actor: Principal, id: string): Promise<OrganisationRow> {
    const filter = new SqlFilter().add('o.id = ?', id);
    if (!hasRole(actor, Role.ADMIN)) filter.add('o.identifier = ?', actor.org ?? '');
    const rows: OrganisationRow[] = await queryRows(
      em,
      `SELECT o.* FROM organisation o WHERE ${filter.where.join(' AND ')} FOR UPDATE`,
      filter.params,
    );
    if (!rows.length) throw OrganisationException.notFound();
    return rows[0];
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
