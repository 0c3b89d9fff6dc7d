import { hasRole, type Principal, Role, type Scope } from '@mkt/auth';
import { OfferStatus } from '../catalogue.enums';

/** Roles that see every offer in every state. */
export const SEES_ALL_OFFERS: readonly Role[] = [Role.ADMIN];

/**
 * The offers a viewer may see: those in `statuses` from any provider, plus every offer (any state)
 * of the organisations its PROVIDER scopes name. `undefined` means all offers.
 */
export interface OfferAudience {
  statuses: readonly OfferStatus[];
  own: Scope[];
}

/**
 * What each role may see: a provider its own offers in any state; commissioners published
 * offers; directorate and auditors published and withdrawn ones; admins everything. Offers are
 * not region-bound for commissioners: only the provider's own offers come from its scope.
 */
export function offerAudience(viewer: Principal, scopes: readonly Scope[]): OfferAudience | undefined {
  if (scopes.some((scope) => scope.kind === 'ALL')) return undefined;
  let statuses: OfferStatus[] = [];
  if (hasRole(viewer, Role.DIRECTORATE, Role.AUDITOR)) statuses = [OfferStatus.PUBLISHED, OfferStatus.WITHDRAWN];
  else if (hasRole(viewer, Role.COMMISSIONER)) statuses = [OfferStatus.PUBLISHED];
  return { statuses, own: scopes.filter((scope) => scope.kind === 'PROVIDER') };
}
