import { Principal, Role } from '@mkt/auth';

let counter = 0;
const next = (role: Role) => `${role.toLowerCase()}-${++counter}`;

/** Callers as a verified token would describe them: what resolvers hand to services. */
export const principals = {
  admin: (): Principal => ({ sub: next(Role.ADMIN), roles: [Role.ADMIN], regions: [] }),
  directorate: (): Principal => ({ sub: next(Role.DIRECTORATE), roles: [Role.DIRECTORATE], regions: [] }),
  auditor: (): Principal => ({ sub: next(Role.AUDITOR), roles: [Role.AUDITOR], regions: [] }),
  commissioner: (...regions: string[]): Principal => ({ sub: next(Role.COMMISSIONER), roles: [Role.COMMISSIONER], regions }),
  provider: (org: string): Principal => ({ sub: next(Role.PROVIDER), roles: [Role.PROVIDER], org, regions: [] }),
};

/**
 * A service call as a promise whether it throws at once (a check before the transaction) or
 * rejects, so `await expect(attempt(() => ...)).rejects` holds for either.
 */
export const attempt = <T>(call: () => Promise<T>): Promise<T> => Promise.resolve().then(call);
