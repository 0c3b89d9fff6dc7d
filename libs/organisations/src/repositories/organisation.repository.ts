import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConnectionShape } from '@mkt/common';
import { type Scope, scopeCondition } from '@mkt/auth';
import { fetchKeysetPage, queryOne, queryRows, SqlFilter } from '@mkt/database';
import { OrganisationView } from '../dtos/organisation.type';
import { OrganisationsFilter } from '../dtos/organisation.inputs';
import { IncomeBand, OrganisationType } from '../organisation.enums';
import { mapOrganisation, OrganisationRow } from '../services/organisation.row';

/** The columns a registration or an edit writes; the rules that fill them live in the service. */
export interface OrganisationDetails {
  legalName: string;
  charityNumber: string | null;
  companyNumber: string | null;
  organisationType: OrganisationType;
  incomeBand: IncomeBand;
  regionCodes: string[];
  contactEmail: string;
}

export interface NewOrganisation extends OrganisationDetails {
  identifier: string;
  scheme: string;
}

/** The details' columns as statement parameters, in the order both INSERT and UPDATE list them. */
function detailParameters(values: OrganisationDetails): unknown[] {
  return [
    values.legalName,
    values.charityNumber,
    values.companyNumber,
    values.organisationType,
    values.incomeBand,
    values.regionCodes,
    values.contactEmail,
  ];
}

type Page = { first: number; after?: string; withTotal: boolean };

/** Tenancy of the organisation table: a provider's own record is the row with its id. */
const SCOPE_COLUMNS = { provider: 'o.id' };

/** Every statement on `organisation`. Callers choose the EntityManager (a transaction or the reader). */
@Injectable()
export class OrganisationRepository {
  async insert(em: EntityManager, values: NewOrganisation, at: Date): Promise<OrganisationRow> {
    const [row] = await queryRows<OrganisationRow>(
      em,
      `INSERT INTO organisation (identifier, scheme, legal_name, charity_number, company_number, organisation_type,
                                   income_band, region_codes, contact_email, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING *`,
      [values.identifier, values.scheme, ...detailParameters(values), at],
    );
    return row;
  }

  /** Writes the details; clearing `verified` also clears who verified it and when. */
  async update(em: EntityManager, id: string, values: OrganisationDetails & { verified: boolean }, at: Date): Promise<OrganisationRow> {
    const [row] = await queryRows<OrganisationRow>(
      em,
      `UPDATE organisation SET legal_name = $2, charity_number = $3, company_number = $4, organisation_type = $5,
              income_band = $6, region_codes = $7, contact_email = $8, verified = $9,
              verified_at = CASE WHEN $9 THEN verified_at END, verified_by = CASE WHEN $9 THEN verified_by END,
              updated_at = $10
       WHERE id = $1 RETURNING *`,
      [id, ...detailParameters(values), values.verified, at],
    );
    return row;
  }

  async markVerified(em: EntityManager, id: string, verifiedBy: string, at: Date): Promise<OrganisationRow> {
    const [row] = await queryRows<OrganisationRow>(
      em,
      `UPDATE organisation SET verified = true, verified_at = $3, verified_by = $2, updated_at = $3
       WHERE id = $1 RETURNING *`,
      [id, verifiedBy, at],
    );
    return row;
  }

  /** One organisation by id or identifier, within the scopes. */
  findVisible(em: EntityManager, where: { id: string } | { identifier: string }, scopes: readonly Scope[]): Promise<OrganisationRow | undefined> {
    const f = new SqlFilter();
    if ('id' in where) f.add('o.id = ?', where.id);
    else f.add('o.identifier = ?', where.identifier);
    const visible = scopeCondition(scopes, f, SCOPE_COLUMNS);
    if (visible) f.where.push(visible);
    return queryOne<OrganisationRow>(em, `SELECT o.* FROM organisation o WHERE ${f.where.join(' AND ')}`, f.params);
  }

  page(em: EntityManager, filter: OrganisationsFilter, scopes: readonly Scope[], page: Page): Promise<ConnectionShape<OrganisationView>> {
    const f = new SqlFilter();
    const visible = scopeCondition(scopes, f, SCOPE_COLUMNS);
    if (visible) f.where.push(visible);
    if (filter.text) {
      const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      f.add('(o.legal_name ILIKE ? OR o.identifier ILIKE ?)', pattern, pattern);
    }
    f.addIf(filter.incomeBands, 'o.income_band = ANY(?)')
      .addIf(filter.organisationTypes, 'o.organisation_type = ANY(?)')
      .addIf(filter.regionCodes, 'o.region_codes && ?::text[]');
    if (filter.verified !== undefined) f.add('o.verified = ?', filter.verified);
    return fetchKeysetPage<OrganisationRow, OrganisationView>(
      em,
      { select: 'o.*', from: 'organisation o', seqColumn: 'o.seq', where: f.where, params: f.params, ...page },
      mapOrganisation,
    );
  }

  byIds(em: EntityManager, ids: readonly string[]): Promise<OrganisationRow[]> {
    return queryRows<OrganisationRow>(em, 'SELECT * FROM organisation WHERE id = ANY($1)', [ids]);
  }

  byId(em: EntityManager, id: string): Promise<OrganisationRow | undefined> {
    return queryOne<OrganisationRow>(em, 'SELECT * FROM organisation WHERE id = $1', [id]);
  }

  byIdentifier(em: EntityManager, identifier: string): Promise<OrganisationRow | undefined> {
    return queryOne<OrganisationRow>(em, 'SELECT * FROM organisation WHERE identifier = $1', [identifier]);
  }

  async idOf(em: EntityManager, identifier: string): Promise<string | null> {
    const row = await queryOne<{ id: string }>(em, 'SELECT id FROM organisation WHERE identifier = $1', [identifier]);
    return row?.id ?? null;
  }

  /** Ids by identifier for a batch of `org` claims; unregistered identifiers are left out. */
  async idsByIdentifier(em: EntityManager, identifiers: readonly string[]): Promise<Map<string, string>> {
    const rows = await queryRows<{ id: string; identifier: string }>(em, 'SELECT id, identifier FROM organisation WHERE identifier = ANY($1)', [
      identifiers,
    ]);
    return new Map(rows.map((row) => [row.identifier, row.id]));
  }

  /** Locks the organisation for a change; `ownedBy` (an identifier) limits it to that organisation. */
  lockForChange(em: EntityManager, id: string, ownedBy?: string): Promise<OrganisationRow | undefined> {
    const f = new SqlFilter().add('o.id = ?', id);
    if (ownedBy !== undefined) f.add('o.identifier = ?', ownedBy);
    return queryOne<OrganisationRow>(em, `SELECT o.* FROM organisation o WHERE ${f.where.join(' AND ')} FOR UPDATE`, f.params);
  }
}
