import { ApolloDriverConfig } from '@nestjs/apollo';
import { RequestContexts } from '@mkt/common';

type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/**
 * Puts what GraphQL knows into the request's context for the request log line: the operation's
 * name and type as parsed (not as the client claims in `operationName`), and the error codes sent.
 */
export function operationLogPlugin(): ApolloPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName }) {
          const ctx = RequestContexts.current();
          if (!ctx) return;
          ctx.operationName = operationName ?? undefined;
          ctx.operationType = operation?.operation;
        },
        async willSendResponse({ response }) {
          const ctx = RequestContexts.current();
          if (!ctx || response.body.kind !== 'single') return;
          const codes = response.body.singleResult.errors?.map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
          if (codes?.length) ctx.errorCodes = [...new Set(codes)];
        },
      };
    },
  };
}
