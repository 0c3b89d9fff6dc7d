import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, type Principal, Role } from '@mkt/auth';
import { BudgetsFilter, BudgetView, SetBudgetInput } from '../dtos/budget.types';
import { BudgetsService } from '../services/budgets.service';

@Resolver(() => BudgetView)
export class BudgetsResolver {
  constructor(private readonly service: BudgetsService) {}

  @Mutation(() => BudgetView, { description: 'Sets (or changes) the allocation of a pot. Never below reserved + committed.' })
  @Access(Role.ADMIN, Role.DIRECTORATE)
  setBudget(@CurrentPrincipal() actor: Principal, @Args('input') input: SetBudgetInput): Promise<BudgetView> {
    return this.service.setBudget(actor, input);
  }

  @Query(() => [BudgetView], { description: 'Commissioners see their regions; directorate, auditors and admins all.' })
  @Access(Role.ADMIN, Role.DIRECTORATE, Role.AUDITOR, Role.COMMISSIONER)
  budgets(@CurrentPrincipal() viewer: Principal, @Args('filter', { nullable: true }) filter?: BudgetsFilter): Promise<BudgetView[]> {
    return this.service.list(viewer, filter ?? {});
  }
}
