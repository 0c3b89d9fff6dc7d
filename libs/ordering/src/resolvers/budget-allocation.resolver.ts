import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, type Principal, Role } from '@mkt/auth';
import { BudgetView, SetBudgetInput } from '@mkt/budgets';
import { BudgetAllocationService } from '../services/budget-allocation.service';

/** `setBudget` lives here, not in budgets: setting a pot first expires its stale orders (BudgetAllocationService). */
@Resolver(() => BudgetView)
export class BudgetAllocationResolver {
  constructor(private readonly service: BudgetAllocationService) {}

  @Mutation(() => BudgetView, { description: 'Sets (or changes) the allocation of a pot. Never below reserved + committed.' })
  @Access(Role.ADMIN, Role.DIRECTORATE)
  setBudget(@CurrentPrincipal() actor: Principal, @Args('input') input: SetBudgetInput): Promise<BudgetView> {
    return this.service.setBudget(actor, input);
  }
}
