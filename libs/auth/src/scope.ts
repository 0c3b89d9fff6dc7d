import { commissionerRegions, hasRole, type Principal } from './principal';
import { Role } from './role';

/**
 * Which tenants' records a caller may see, one entry per role it holds: everything, some regions,
 * or one provider organisation (`null` when its `org` claim names no registered organisation).
 */
export type Scope = { kind: 'ALL' } | { kind: 'REGIONS'; regions: string[] } | { kind: 'PROVIDER'; organisationId: string | null };

/** Roles that see across tenants unless a record type says otherwise (orders leave ADMIN out). */
export const SEES_ALL_ROLES: readonly Role[] = [Role.ADMIN, Role.DIRECTORATE, Role.AUDITOR];

/**
 * The scopes of a principal. A principal with several roles sees the union of them (a commissioner
 * who is also a provider sees its regions and its own organisation's records), as before.
 */
export function scopesOf(principal: Principal, organisationId: string | null, seesAll: readonly Role[] = SEES_ALL_ROLES): Scope[] {
  if (hasRole(principal, ...seesAll)) return [{ kind: 'ALL' }];
  const scopes: Scope[] = [];
  if (hasRole(principal, Role.COMMISSIONER)) scopes.push({ kind: 'REGIONS', regions: commissionerRegions(principal) ?? [] });
  if (hasRole(principal, Role.PROVIDER)) scopes.push({ kind: 'PROVIDER', organisationId });
  return scopes;
}

/** The provider organisation among the scopes, if the caller acts for one. */
export function scopedOrganisationId(scopes: readonly Scope[]): string | null | undefined {
  const provider = scopes.find((scope) => scope.kind === 'PROVIDER');
  return provider?.kind === 'PROVIDER' ? provider.organisationId : undefined;
}

/** The columns a table's tenancy is read from; `providerAlso` narrows what a provider sees of them. */
export interface ScopeColumns {
  region?: string;
  provider?: string;
  providerAlso?: string;
}

/** The parameter half of SqlFilter (@mkt/database), so that this lib does not depend on it. */
export interface SqlParams {
  param(value: unknown): string;
}

/**
 * One SQL condition for the scopes, or `undefined` for no restriction: the OR of each scope's
 * condition, `FALSE` when none applies (no scopes, or a scope the table has no column for).
 */
export function scopeCondition(scopes: readonly Scope[], f: SqlParams, columns: ScopeColumns): string | undefined {
  if (scopes.some((scope) => scope.kind === 'ALL')) return undefined;
  const parts: string[] = [];
  for (const scope of scopes) {
    if (scope.kind === 'REGIONS' && columns.region) parts.push(`${columns.region} = ANY(${f.param(scope.regions)})`);
    if (scope.kind === 'PROVIDER' && columns.provider) {
      // A provider whose organisation is not registered owns nothing: compare with NULL, never true.
      const own = `${columns.provider} = ${f.param(scope.organisationId)}::uuid`;
      parts.push(columns.providerAlso ? `(${own} AND ${columns.providerAlso})` : own);
    }
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}
