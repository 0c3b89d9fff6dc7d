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
import { CommonModule, formatGraphQLError, RequestLoaders } from '@mkt/common';
import { AppLogger, APP_LOGGER } from './bootstrap/app-logger';
import { HealthController } from './health/health.controller';
import { sqlStatementHeaderPlugin } from './bootstrap/sql-statement-header.plugin';

type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];
// The CommonJS and ESM typings of @apollo/server differ; at run time the plugin is a marker object.
const cacheControlDisabled = ApolloServerPluginCacheControlDisabled() as unknown as ApolloPlugin;

/** Wiring only: the domain lives in libs/. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, logger: AppLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: config.dbPoolSize, log: logger }),
        AuthModule,
        AuditModule,
        ReferenceModule,
        OrganisationsModule,
        CatalogueModule,
        BudgetsModule,
        ContractsModule,
        OrderingModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          // Guards run on field resolvers too, so each field's declared access rule is enforced.
          fieldResolverEnhancers: ['guards'],
          introspection: !config.production,
          includeStacktraceInErrorResponses: false,
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          context: ({ req }: { req: GqlContext['req'] }): GqlContext => ({ req, loaders: new RequestLoaders() }),
          formatError: (formatted, error) => formatGraphQLError(formatted, error, logger),
          // No HTTP cache hints are used; Apollo's cache-control plugin would otherwise wrap every field
          // resolver to collect them (measured: a large share of a 50-offer page's CPU).
          plugins: [cacheControlDisabled, ...(config.production ? [] : [sqlStatementHeaderPlugin()])],
        }),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_LOGGER, useValue: logger }],
      exports: [APP_LOGGER],
    };
  }
}
