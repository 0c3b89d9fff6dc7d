import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema, printSchema } from 'graphql';
import { buildExecutionContext } from 'graphql/execution/execute';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';

/** Apollo's gateway interface (Nest's driver config type leaves it out; Apollo Server takes it). */
type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/**
 * Executes GraphQL operations with graphql-jit (operations compiled once into JavaScript) instead
 * of graphql-js's interpreter. Measured: large results such as spend rows (thousands of Money
 * objects) resolve several times faster. Apollo Server 5 has no executor option; its `gateway`
 * interface is the supported way to supply one: parsing, validation (our limits included),
 * plugins and error formatting stay Apollo's.
 */
export function jitGateway(schemaOf: () => GraphQLSchema, maxCached = 500): Gateway {
  const cache = new Map<string, CompiledQuery>();

  const compiled = (document: DocumentNode, source: string, operationName: string | undefined) => {
    const key = `${operationName ?? ''}\u0000${source}`;
    let entry = cache.get(key);
    if (entry) {
      // Most recently used last: the oldest entry goes first when the cache is full.
      cache.delete(key);
      cache.set(key, entry);
      return entry;
    }
    const result = compileQuery(schemaOf(), document, operationName, { disableLeafSerialization: false });
    if (!isCompiledQuery(result)) return result;
    entry = result;
    cache.set(key, entry);
    if (cache.size > maxCached) cache.delete(cache.keys().next().value!);
    return entry;
  };

  return {
    load() {
      return Promise.resolve({
        executor: async (requestContext): Promise<ExecutionResult> => {
          // graphql-js picks the operation and coerces the variables, as the reference executor
          // would: several operations without `operationName`, or an unknown one, get its errors
          // (Apollo answers them 400; `requestContext.operation` is then undefined, which graphql-jit
          // cannot take), input-field defaults are applied and bad values reported as BAD_USER_INPUT
          // (graphql-jit's own coercion misses input-field defaults).
          const execution = buildExecutionContext({
            schema: schemaOf(),
            document: requestContext.document,
            operationName: requestContext.request.operationName,
            variableValues: requestContext.request.variables,
            options: { maxCoercionErrors: 50 },
          });
          if (!('operation' in execution)) return { errors: execution };
          const query = compiled(requestContext.document, requestContext.source, execution.operation.name?.value);
          if (!isCompiledQuery(query)) return query;
          const result = await query.query(undefined, requestContext.context, execution.variableValues);
          if (result.errors) (result as { errors: readonly GraphQLError[] }).errors = result.errors.map(asGraphQLJsError);
          return result;
        },
      });
    },
    onSchemaLoadOrUpdate(callback: (context: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) {
      callback({ apiSchema: schemaOf(), coreSupergraphSdl: printSchema(schemaOf()) });
      return () => undefined;
    },
    stop() {
      cache.clear();
      return Promise.resolve();
    },
  };
}

/**
 * graphql-jit's errors lack graphql-js's `extensions: {}` (Apollo reads `extensions.code` and would
 * fail on them): re-create them as graphql-js errors, keeping message, path, locations and the
 * original error that our error mapping reads.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? {},
  });
  if (error.locations) Object.defineProperty(converted, 'locations', { value: error.locations, enumerable: true });
  return converted;
}
