import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

/**
 * Every query, mutation, field resolver and HTTP route declares who may call it, with exactly one
 * of these decorators on the method. Nothing declared means nobody (the guard fails closed), and a
 * test walks the schema to keep it that way.
 */
export const ACCESS_RULE = 'mkt:access-rule';

export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: Role[] };

/** Only holders of one of these roles; everyone else gets FORBIDDEN. */
export const Access = (...roles: Role[]) => SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);

/** Any valid token; the service then limits what the caller sees. */
export const Authenticated = () => SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);

/** No token needed (health checks, public publications). */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
