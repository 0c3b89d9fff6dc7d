import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestLoaders } from '@mkt/common';
import { Access, Loaders, Role } from '@mkt/auth';
import { ContractBudgetPhaseView } from '../dtos/contract-budget-phase.types';
import { ContractView } from '../dtos/contract.types';
import { ContractBudgetPhasingService } from '../services/contract-budget-phasing.service';

/** `Contract.budgetPhases`: who sees the budgets sees a contract's commitment per year. */
@Resolver(() => ContractView)
export class ContractBudgetPhasesResolver {
  constructor(private readonly phasing: ContractBudgetPhasingService) {}

  @ResolveField(() => [ContractBudgetPhaseView], {
    description: "The contract's commitment per financial year, each on that year's pot, in year order (commissioners, directorate, auditors).",
  })
  @Access(Role.COMMISSIONER, Role.DIRECTORATE, Role.AUDITOR)
  budgetPhases(@Parent() contract: ContractView, @Loaders() loaders: RequestLoaders): Promise<ContractBudgetPhaseView[]> {
    return this.phasing.loader(loaders).load(contract.id);
  }
}
