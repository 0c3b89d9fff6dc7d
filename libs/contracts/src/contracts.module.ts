import { Module } from '@nestjs/common';
import { BudgetsModule } from '@mkt/budgets';
import { CatalogueModule } from '@mkt/catalogue';
import { OrganisationsModule } from '@mkt/organisations';
import { ContractBudgetPhaseRepository } from './repositories/contract-budget-phase.repository';
import { ContractBudgetPhasesResolver } from './resolvers/contract-budget-phases.resolver';
import { ContractBudgetPhasingService } from './services/contract-budget-phasing.service';
import { ContractVersionRepository } from './repositories/contract-version.repository';
import { ContractRepository } from './repositories/contract.repository';
import { FundingRepository } from './repositories/funding.repository';
import { PaymentRepository } from './repositories/payment.repository';
import { PerformanceReportRepository } from './repositories/performance-report.repository';
import { SupplyChainRepository } from './repositories/supply-chain.repository';
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
    // Repositories hold the SQL; they stay inside the module (other libs call the services).
    ContractRepository,
    ContractBudgetPhaseRepository,
    ContractBudgetPhasingService,
    ContractBudgetPhasesResolver,
    ContractVersionRepository,
    PaymentRepository,
    PerformanceReportRepository,
    SupplyChainRepository,
    FundingRepository,
    ContractsService,
    ContractVariationsService,
    PerformanceReportsService,
    PaymentsService,
    SupplyChainService,
    ContractsResolver,
    OrganisationContractsResolver,
    ContractActivityResolver,
  ],
  exports: [ContractsService, PaymentsService, ContractBudgetPhasingService],
})
export class ContractsModule {}
