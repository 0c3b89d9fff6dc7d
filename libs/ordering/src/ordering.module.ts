import { Module } from '@nestjs/common';
import { BudgetsModule } from '@mkt/budgets';
import { CatalogueModule } from '@mkt/catalogue';
import { ContractsModule } from '@mkt/contracts';
import { OrganisationsModule } from '@mkt/organisations';
import { ContractOrderResolver, OrdersResolver } from './resolvers/orders.resolver';
import { OrderExpiryScheduler } from './services/order-expiry.scheduler';
import { OrderExpiryService } from './services/order-expiry.service';
import { OrderQueriesService } from './services/order-queries.service';
import { OrdersService } from './services/orders.service';

@Module({
  imports: [BudgetsModule, CatalogueModule, ContractsModule, OrganisationsModule],
  providers: [OrdersService, OrderQueriesService, OrderExpiryService, OrdersResolver, ContractOrderResolver, OrderExpiryScheduler],
  exports: [OrdersService, OrderQueriesService],
})
export class OrderingModule {}
