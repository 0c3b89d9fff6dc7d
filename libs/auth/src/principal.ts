import { Role } from './role';

/** Who is calling, from the verified token. */
export interface Principal {
  sub: string;
  roles: Role[];
  /** Organisation identifier (org-id) a PROVIDER acts for. */
  org?: string;
  /** Region codes a COMMISSIONER acts for. */
  regions: string[];
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

/** Directorate, auditors and admins see across regions and providers. */
export function seesEverything(principal: Principal): boolean {
  return hasRole(principal, Role.DIRECTORATE, Role.AUDITOR, Role.ADMIN);
}

/** The regions whose records a commissioner may see; `undefined` means no region restriction. */
export function commissionerRegions(principal: Principal): string[] | undefined {
  if (seesEverything(principal)) return undefined;
  return hasRole(principal, Role.COMMISSIONER) ? principal.regions : [];
}

/** The principal used for work the system does on its own (demo data, expiry sweeps). */
export const SYSTEM_PRINCIPAL: Principal = { sub: 'system', roles: [Role.ADMIN], regions: [] };
