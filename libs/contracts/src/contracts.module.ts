import { Module } from '@nestjs/common';
import { BudgetsModule } from '@mkt/budgets';
import { CatalogueModule } from '@mkt/catalogue';
import { OrganisationsModule } from '@mkt/organisations';
import { ContractActivityResolver } from './resolvers/contract-activity.resolver';
import { ContractsResolver, OrganisationContractsResolver } from './resolvers/contracts.resolver';
import { ContractVariationsService } from './services/contract-variations.service';
import { ContractsService } from './services/contracts.service';
import { PaymentsService } from './services/payments.service';
import { PerformanceReportsService } from './services/performance-reports.service';
import { SupplyChainService } from './services/supply-chain.service';

@Module({
  imports: [BudgetsModule, CatalogueModule, OrganisationsModule],
  providers: [
    ContractsService,
    ContractVariationsService,
    PerformanceReportsService,
    PaymentsService,
    SupplyChainService,
    ContractsResolver,
    OrganisationContractsResolver,
    ContractActivityResolver,
  ],
  exports: [ContractsService, PaymentsService],
})
export class ContractsModule {}
