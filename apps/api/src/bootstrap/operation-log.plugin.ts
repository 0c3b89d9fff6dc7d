import { ApolloDriverConfig } from '@nestjs/apollo';
import { RequestContexts } from '@mkt/common';

type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/**
 * Puts what GraphQL knows into the request's context for the request log line: the operation's
 * name and type as parsed (not as the client claims in `operationName`), and the error codes sent.
 */
export function operationLogPlugin(): ApolloPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, operationName }) {
          const ctx = RequestContexts.current();
          if (ctx) {
            ctx.operationName = operationName ?? undefined;
            ctx.operationType = operation?.operation;
          }
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          const ctx = RequestContexts.current();
          if (ctx && response.body.kind === 'single') {
            // Codes are strings (Apollo's and ours): anything else is logged as UNKNOWN, not '[object Object]'.
            const codes = response.body.singleResult.errors?.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN'));
            if (codes?.length) ctx.errorCodes = [...new Set(codes)];
          }
          return Promise.resolve();
        },
      });
    },
  };
}
