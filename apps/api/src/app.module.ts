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
import { CommonModule, formatGraphQLError, RequestLoaders } from '@mkt/common';
import { AppLogger, APP_LOGGER } from './bootstrap/app-logger';
import { HealthController } from './health/health.controller';
import { sqlStatementHeaderPlugin } from './bootstrap/sql-statement-header.plugin';

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
        SpendModule,
        PublicationModule,
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
          // Apollo's default cache-control plugin hooks every field of every response (we set no cache
          // hints); on large results such as spend rows it cost more than the query (measured).
          plugins: [ApolloServerPluginCacheControlDisabled() as NonNullable<ApolloDriverConfig['plugins']>[number], ...(config.production ? [] : [sqlStatementHeaderPlugin()])],
        }),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_LOGGER, useValue: logger }],
      exports: [APP_LOGGER],
    };
  }
}
