import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE, AccessRule } from './access.decorator';
import { AccessException } from './access.exception';
import { requestOf } from './request-principal';
import { TokenVerifier } from './token-verifier';

/**
 * The global guard: runs on every resolver (field resolvers included, via
 * `fieldResolverEnhancers: ['guards']`) and every HTTP route. The token is verified once per
 * request and cached on it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_RULE, context.getHandler());
    if (!rule) throw AccessException.forbidden('This operation declares no access rule');
    if (rule.kind === 'public') return true;

    const req = requestOf(context);
    if (!req.principal) {
      req.principalPromise ??= this.verifier.verifyHeader(headerValue(req.headers.authorization));
      req.principal = await req.principalPromise;
    }
    if (rule.kind === 'roles' && !req.principal.roles.some((role) => rule.roles.includes(role))) {
      throw AccessException.forbidden();
    }
    return true;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
