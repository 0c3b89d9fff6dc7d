import { Module } from '@nestjs/common';
import { ContractOrderPartyRepository } from './repositories/contract-order-party.repository';
import { ConflictOfInterestGuard } from './services/conflict-of-interest.guard';
import { BudgetsModule } from '@mkt/budgets';
import { CatalogueModule } from '@mkt/catalogue';
import { OrganisationsModule } from '@mkt/organisations';
import { ContractBudgetPhaseRepository } from './repositories/contract-budget-phase.repository';
import { ContractBudgetPhasesResolver } from './resolvers/contract-budget-phases.resolver';
import { ContractBudgetPhasingService } from './services/contract-budget-phasing.service';
import { ContractVariationRepository } from './repositories/contract-variation.repository';
import { ContractVersionRepository } from './repositories/contract-version.repository';
import { ContractRepository } from './repositories/contract.repository';
import { FundingRepository } from './repositories/funding.repository';
import { PaymentRepository } from './repositories/payment.repository';
import { PerformanceReportRepository } from './repositories/performance-report.repository';
import { SupplyChainRepository } from './repositories/supply-chain.repository';
import { ContractActivityResolver } from './resolvers/contract-activity.resolver';
import { ContractVariationsResolver } from './resolvers/contract-variations.resolver';
import { ContractsResolver, OrganisationContractsResolver } from './resolvers/contracts.resolver';
import { ContractVariationAnswersService } from './services/contract-variation-answers.service';
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
    ContractVariationRepository,
    PaymentRepository,
    PerformanceReportRepository,
    SupplyChainRepository,
    FundingRepository,
    ContractOrderPartyRepository,
    ConflictOfInterestGuard,
    ContractsService,
    ContractVariationsService,
    ContractVariationAnswersService,
    PerformanceReportsService,
    PaymentsService,
    SupplyChainService,
    ContractsResolver,
    OrganisationContractsResolver,
    ContractActivityResolver,
    ContractVariationsResolver,
  ],
  exports: [ContractsService, PaymentsService, ContractBudgetPhasingService],
})
export class ContractsModule {}
