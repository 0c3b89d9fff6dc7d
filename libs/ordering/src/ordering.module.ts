import { Module } from '@nestjs/common';
import { BudgetsModule } from '@mkt/budgets';
import { CatalogueModule } from '@mkt/catalogue';
import { ContractsModule } from '@mkt/contracts';
import { OrganisationsModule } from '@mkt/organisations';
import { OrderBudgetPhaseRepository } from './repositories/order-budget-phase.repository';
import { OrderRepository } from './repositories/order.repository';
import { OrderBudgetPhasesResolver } from './resolvers/order-budget-phases.resolver';
import { OrderBudgetPhases } from './services/order-budget-phases';
import { BudgetAllocationResolver } from './resolvers/budget-allocation.resolver';
import { ContractOrderResolver, OrdersResolver } from './resolvers/orders.resolver';
import { BudgetAllocationService } from './services/budget-allocation.service';
import { OrderExpiryScheduler } from './services/order-expiry.scheduler';
import { OrderExpiryService } from './services/order-expiry.service';
import { OrderQueriesService } from './services/order-queries.service';
import { OrdersService } from './services/orders.service';
import { OrderAwardRepository } from './repositories/order-award.repository';
import { AwardCheckResolver } from './resolvers/award-check.resolver';
import { AwardCheckService } from './services/award-check.service';
import { OrderAwardService } from './services/order-award';
import { OrderableService } from './services/orderable.service';

@Module({
  imports: [BudgetsModule, CatalogueModule, ContractsModule, OrganisationsModule],
  providers: [
    OrderRepository,
    OrderBudgetPhaseRepository,
    OrderBudgetPhases,
    OrderBudgetPhasesResolver,
    OrdersService,
    OrderQueriesService,
    OrderExpiryService,
    BudgetAllocationService,
    OrdersResolver,
    ContractOrderResolver,
    BudgetAllocationResolver,
    OrderExpiryScheduler,
    OrderAwardRepository,
    OrderAwardService,
    OrderableService,
    AwardCheckService,
    AwardCheckResolver,
  ],
  exports: [OrdersService, OrderQueriesService, BudgetAllocationService],
})
export class OrderingModule {}
