import { ApolloDriverConfig } from '@nestjs/apollo';
import { RequestContexts } from '@mkt/common';

type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/**
 * Outside production, each GraphQL response says how many SQL statements it took
 * (`x-sql-statements`), so N+1 queries show up in tests, in the benchmark and to a developer.
 */
export function sqlStatementHeaderPlugin(): ApolloPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          const ctx = RequestContexts.current();
          if (ctx) response.http.headers.set('x-sql-statements', String(ctx.sqlStatements));
          return Promise.resolve();
        },
      });
    },
  };
}
