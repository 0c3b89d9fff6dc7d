import { Args, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, type Principal, Role } from '@mkt/auth';
import { BudgetsFilter, BudgetView } from '../dtos/budget.types';
import { BudgetsService } from '../services/budgets.service';

/** `setBudget` is served by ordering (BudgetAllocationResolver): setting a pot first expires its stale orders. */
@Resolver(() => BudgetView)
export class BudgetsResolver {
  constructor(private readonly service: BudgetsService) {}

  @Query(() => [BudgetView], { description: 'Commissioners see their regions; directorate, auditors and admins all.' })
  @Access(Role.ADMIN, Role.DIRECTORATE, Role.AUDITOR, Role.COMMISSIONER)
  budgets(@CurrentPrincipal() viewer: Principal, @Args('filter', { nullable: true }) filter?: BudgetsFilter): Promise<BudgetView[]> {
    return this.service.list(viewer, filter ?? {});
  }
}
