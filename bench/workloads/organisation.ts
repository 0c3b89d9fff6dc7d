import { OrganisationRow } from '../lib/floor-rows';
import { FloorContext, FloorVariables } from './types';

// W4 organisation(id): one primary-key read, so the framework's own cost dominates.

export const ORGANISATION = `query W4Organisation($id: ID!) {
  organisation(id: $id) { id identifier legalName organisationType incomeBand regionCodes verified }
}`;

export async function organisationFloor(ctx: FloorContext, variables: FloorVariables) {
  const principal = ctx.principal;
  const seesAll = ['ADMIN', 'DIRECTORATE', 'AUDITOR', 'COMMISSIONER'].some((r) => principal.roles.includes(r));
  const rows = seesAll
    ? await ctx.db.query<OrganisationRow>('SELECT o.* FROM organisation o WHERE o.id = $1', [variables.id])
    : await ctx.db.query<OrganisationRow>('SELECT o.* FROM organisation o WHERE o.id = $1 AND o.identifier = $2', [
        variables.id,
        principal.org ?? '',
      ]);
  const o = rows[0];
  if (!o) throw new Error('not found');
  return {
    organisation: {
      id: o.id,
      identifier: o.identifier,
      legalName: o.legal_name,
      organisationType: o.organisation_type,
      incomeBand: o.income_band,
      regionCodes: o.region_codes,
      verified: o.verified,
    },
  };
}
