import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, OperationTypeNode, SelectionSetNode } from 'graphql';
import { type GqlContext, TokenVerifier } from '@mkt/auth';
import { RateLimiter } from '@mkt/ratelimit';

export const RATE_LIMITED = 'RATE_LIMITED';

/**
 * Limits mutations per caller: per principal (`sub` of a valid token), per client IP otherwise.
 * Runs once the operation is known and before anything executes; each mutation field of the
 * document counts as one, so aliasing thirty mutations into one request counts thirty. The token
 * is verified here and the result kept on the request, so the access guard does not verify it again.
 */
@Plugin()
export class MutationRateLimitPlugin implements ApolloServerPlugin<GqlContext> {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly verifier: TokenVerifier,
  ) {}

  requestDidStart(): Promise<GraphQLRequestListener<GqlContext>> {
    return Promise.resolve({
      didResolveOperation: async ({ operation, document, contextValue }) => {
        if (operation?.operation !== OperationTypeNode.MUTATION) return;
        const key = await this.callerKey(contextValue.req);
        const decision = await this.limiter.consume(key, Math.max(1, countRootFields(operation, document)));
        if (decision.allowed) return;
        throw new GraphQLError(`Too many changes: at most ${decision.limit} mutations a minute; try again in ${decision.retryAfterSeconds} s`, {
          extensions: {
            code: RATE_LIMITED,
            retryAfterSeconds: decision.retryAfterSeconds,
            http: { status: 429, headers: new HeaderMap([['retry-after', String(decision.retryAfterSeconds)]]) },
          },
        });
      },
    });
  }

  private async callerKey(req: GqlContext['req']): Promise<string> {
    const header = req.headers.authorization;
    req.principalPromise ??= this.verifier.verifyHeader(Array.isArray(header) ? header[0] : header);
    try {
      req.principal = await req.principalPromise;
      return `sub:${req.principal.sub}`;
    } catch {
      // No valid token: the access guard refuses the mutation anyway, but the attempt still counts.
      return `ip:${req.ip ?? 'unknown'}`;
    }
  }
}

/** Root fields of the operation, through fragments (each fragment counted where it is spread). */
function countRootFields(operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const count = (set: SelectionSetNode, seen: Set<string>): number =>
    set.selections.reduce((total, selection) => {
      if (selection.kind === Kind.FIELD) return total + (selection.name.value === '__typename' ? 0 : 1);
      if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return total;
      return total + count(fragment.selectionSet, new Set(seen).add(fragment.name.value));
    }, 0);
  return count(operation.selectionSet, new Set());
}
