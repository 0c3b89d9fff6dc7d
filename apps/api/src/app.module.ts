import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { AppConfig, ConfigModule } from '@mkt/config';
import { DatabaseModule } from '@mkt/database';
import { AuthModule, GqlContext } from '@mkt/auth';
import { AuditModule } from '@mkt/audit';
import { ReferenceModule } from '@mkt/reference';
import { OrganisationsModule } from '@mkt/organisations';
import { CatalogueModule } from '@mkt/catalogue';
import { BudgetsModule } from '@mkt/budgets';
import { ContractsModule } from '@mkt/contracts';
import { OrderingModule } from '@mkt/ordering';
import { SpendModule } from '@mkt/spend';
import { PublicationModule } from '@mkt/publication';
import { RateLimitModule } from '@mkt/ratelimit';
import { InvoicesModule } from '@mkt/invoices';
import {
  CommonModule,
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
import { AppLogger, APP_LOGGER } from './bootstrap/app-logger';
import { HealthController } from './health/health.controller';
import { sqlStatementHeaderPlugin } from './bootstrap/sql-statement-header.plugin';
import { MutationRateLimitPlugin } from './bootstrap/mutation-rate-limit.plugin';
import { operationLogPlugin } from './bootstrap/operation-log.plugin';
import { jitGateway } from './bootstrap/jit-executor';
import type { GraphQLSchema } from 'graphql';

type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/** Items assumed for lists without a page size when costing a query (see query-analysis). */
const DEFAULT_LIST_SIZE = 10;

// The CommonJS and ESM typings of @apollo/server differ; at run time the plugin is a marker object.
const cacheControlDisabled = ApolloServerPluginCacheControlDisabled() as unknown as ApolloPlugin;

/** Wiring only: the domain lives in libs/. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, logger: AppLogger): DynamicModule {
    let schema: GraphQLSchema | undefined;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        DatabaseModule.forRoot({
          url: databaseUrl,
          replicaUrl: config.databaseReplicaUrl,
          poolSize: config.dbPoolSize,
          statementTimeoutMs: config.dbStatementTimeoutMs,
          log: logger,
        }),
        RateLimitModule.forRoot({
          store: config.rateLimit.store,
          limitPerMinute: config.rateLimit.mutationsPerMinute,
          onStoreError: (err) => logger.warn({ err }, 'rate-limit store failed; letting requests through'),
        }),
        AuthModule,
        AuditModule,
        ReferenceModule,
        OrganisationsModule,
        CatalogueModule,
        BudgetsModule,
        ContractsModule,
        OrderingModule,
        SpendModule,
        PublicationModule,
        InvoicesModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
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
          validationRules: [
            queryLimitsRule(config.graphql, {
              defaultListSize: DEFAULT_LIST_SIZE,
              maxPageSize: MAX_PAGE_SIZE,
              listBounds: LIST_BOUNDS,
              // Report rows by their grouping and filter, at most REPORT_MAX_ROWS (which the reports enforce).
              argumentBounds: reportListBounds(config.reports.maxRows),
              valueObjectTypes: VALUE_OBJECT_TYPES,
            }),
          ],
          context: ({ req }: { req: GqlContext['req'] }): GqlContext => ({ req, loaders: new RequestLoaders() }),
          formatError: (formatted, error) => formatGraphQLError(formatted, error, logger, { hideSuggestions: config.production }),
          plugins: [
            // Apollo's default cache-control plugin hooks every field of every response (we set no cache
            // hints); on large results such as spend rows it cost more than the query (measured).
            cacheControlDisabled,
            queryLimitsPlugin(),
            // Every string variable, once, before any resolver: lone UTF-16 surrogates are refused.
            loneSurrogatePlugin(),
            operationLogPlugin(),
            ...(config.production ? [] : [sqlStatementHeaderPlugin()]),
          ],
        }),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_LOGGER, useValue: logger }, MutationRateLimitPlugin],
      exports: [APP_LOGGER],
    };
  }
}
