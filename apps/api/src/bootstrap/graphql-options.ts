import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import { AppConfig } from '@mkt/config';
import { GqlContext } from '@mkt/auth';
import {
  formatGraphQLError,
  LIST_BOUNDS,
  loneSurrogatePlugin,
  MAX_PAGE_SIZE,
  queryLimitsPlugin,
  queryLimitsRule,
  reportListBounds,
  RequestLoaders,
  VALUE_OBJECT_TYPES,
} from '@mkt/common';
import { AppLogger } from './app-logger';
import { sqlStatementHeaderPlugin } from './sql-statement-header.plugin';
import { operationLogPlugin } from './operation-log.plugin';
import { jitGateway } from './jit-executor';

type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/** Items assumed for lists without a page size when costing a query (see query-analysis). */
const DEFAULT_LIST_SIZE = 10;

// The CommonJS and ESM typings of @apollo/server differ; at run time the plugin is a marker object.
const cacheControlDisabled = ApolloServerPluginCacheControlDisabled() as unknown as ApolloPlugin;

/** The GraphQL endpoint: transport, schema, limits, errors and plugins, from our validated config. */
export function graphqlOptions(config: AppConfig, logger: AppLogger): ApolloDriverConfig {
  let schema: GraphQLSchema | undefined;
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // The built schema is kept for the compiled executor (see jit-executor).
    transformSchema: (built: GraphQLSchema) => (schema = built),
    ...(config.graphql.executor === 'jit' ? ({ gateway: jitGateway(() => schema!) } as object) : {}),
    // Guards run on field resolvers too, so each field's declared access rule is enforced.
    fieldResolverEnhancers: ['guards'],
    // From our validated config, not process.env, so tests can run the production behaviour.
    nodeEnv: config.nodeEnv,
    introspection: !config.production,
    graphiql: !config.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // No automatic persisted queries: they let any client store documents in the server's cache,
    // and the API has no need for them (documents are small and limited).
    persistedQueries: false,
    // The parser stops at this many tokens, before building anything for a huge document.
    parseOptions: { maxTokens: config.graphql.maxTokens },
    validationRules: validationRules(config),
    context: ({ req }: { req: GqlContext['req'] }): GqlContext => ({ req, loaders: new RequestLoaders() }),
    formatError: (formatted, error) => formatGraphQLError(formatted, error, logger, { hideSuggestions: config.production }),
    plugins: plugins(config),
  };
}

function validationRules(config: AppConfig): ValidationRule[] {
  return [
    queryLimitsRule(config.graphql, {
      defaultListSize: DEFAULT_LIST_SIZE,
      maxPageSize: MAX_PAGE_SIZE,
      listBounds: LIST_BOUNDS,
      // Report rows by their grouping and filter, at most REPORT_MAX_ROWS (which the reports enforce).
      argumentBounds: reportListBounds(config.reports.maxRows),
      valueObjectTypes: VALUE_OBJECT_TYPES,
    }),
  ];
}

function plugins(config: AppConfig): ApolloPlugin[] {
  return [
    // Apollo's default cache-control plugin hooks every field of every response (we set no cache
    // hints); on large results such as spend rows it cost more than the query (measured).
    cacheControlDisabled,
    queryLimitsPlugin(),
    // Every string variable, once, before any resolver: lone UTF-16 surrogates are refused.
    loneSurrogatePlugin(),
    operationLogPlugin(),
    ...(config.production ? [] : [sqlStatementHeaderPlugin()]),
  ];
}
