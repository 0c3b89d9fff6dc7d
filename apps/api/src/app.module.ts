import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { AppConfig, ConfigModule } from '@mkt/config';
import { DatabaseModule } from '@mkt/database';
import { AuthModule } from '@mkt/auth';
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
import { CommonModule } from '@mkt/common';
import { AppLogger, APP_LOGGER } from './bootstrap/app-logger';
import { HealthController } from './health/health.controller';
import { MutationRateLimitPlugin } from './bootstrap/mutation-rate-limit.plugin';
import { graphqlOptions } from './bootstrap/graphql-options';

/** Wiring only: the domain lives in libs/. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, logger: AppLogger): DynamicModule {
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
        GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions(config, logger)),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_LOGGER, useValue: logger }, MutationRateLimitPlugin],
      exports: [APP_LOGGER],
    };
  }
}
