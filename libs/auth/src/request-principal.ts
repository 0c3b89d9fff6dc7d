import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestLoaders } from '@mkt/common';
import { Principal } from './principal';

/** What every GraphQL resolver receives as context; built per request by the API app. */
export interface GqlContext {
  req: AuthenticatedRequest;
  loaders: RequestLoaders;
}

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
  principalPromise?: Promise<Principal>;
  ip?: string;
}

export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') {
    // Resolver arguments are (root, args, context, info): read the context directly rather than
    // building a GqlExecutionContext, since the guard runs on every field resolver call.
    return context.getArgByIndex<GqlContext>(2).req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

/** The verified caller; only on operations the access guard has let through with a token. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = requestOf(context).principal;
  if (!principal) throw new Error('CurrentPrincipal used on an operation without an authenticated access rule');
  return principal;
});

/** The request's DataLoader registry. */
export const Loaders = createParamDecorator((_data: unknown, context: ExecutionContext): RequestLoaders => {
  return GqlExecutionContext.create(context).getContext<GqlContext>().loaders;
});
