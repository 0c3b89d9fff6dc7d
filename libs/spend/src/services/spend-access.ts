import { hasRole, type Principal, Role } from '@mkt/auth';
import { SpendException } from '../spend.exception';

/**
 * Who sees which spend: directorate and auditors everything, a commissioner the regions in its
 * token, nobody else anything. A commissioner naming a region outside its own is refused rather
 * than shown an empty table that looks like no spend.
 *
 * Returns the regions to restrict to (undefined: no restriction). `seesAll`: the roles that see
 * every region (the forecast outturn adds ADMIN, who sets budgets).
 */
export function spendRegions(
  viewer: Principal,
  filter: { regionCodes?: string[] },
  seesAll: readonly Role[] = [Role.DIRECTORATE, Role.AUDITOR],
): string[] | undefined {
  if (hasRole(viewer, ...seesAll)) return undefined;
  if (!hasRole(viewer, Role.COMMISSIONER)) throw SpendException.forbidden('Spend is visible to directorate, auditors and commissioners');
  const own = viewer.regions;
  const foreign = (filter.regionCodes ?? []).filter((r) => !own.includes(r));
  if (foreign.length) {
    throw SpendException.forbidden(
      `regionCodes: you may see spend in your regions only (${own.join(', ') || 'none'}), not ${foreign.join(', ')}`,
      'regionCodes',
    );
  }
  return own;
}
