import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestLoaders } from '@mkt/common';
import { Access, Loaders, Role } from '@mkt/auth';
import { BudgetsService } from '@mkt/budgets';
import { OrderBudgetPhaseView } from '../dtos/order-budget-phase.types';
import { OrderView } from '../dtos/order.types';
import { OrderBudgetPhases } from '../services/order-budget-phases';

/** `Order.budgetPhases` and `Order.indicativeBudget`: who sees the order's pot sees its phases. */
@Resolver(() => OrderView)
export class OrderBudgetPhasesResolver {
  constructor(
    private readonly phases: OrderBudgetPhases,
    private readonly budgets: BudgetsService,
  ) {}

  @ResolveField(() => [OrderBudgetPhaseView], {
    description: "The order's value per financial year, each on that year's pot, in year order (commissioners, directorate, auditors).",
  })
  @Access(Role.COMMISSIONER, Role.DIRECTORATE, Role.AUDITOR)
  async budgetPhases(@Parent() order: OrderView, @Loaders() loaders: RequestLoaders): Promise<OrderBudgetPhaseView[]> {
    const phases = await this.phases.loader(loaders).load(order.id);
    const pots = await this.budgets.loader(loaders).loadMany(phases.map((p) => p.budgetId));
    // Indicative while the pot is: setting it again as firm confirms every phase drawn on it.
    return phases.map((p, i) => {
      const pot = pots[i];
      return { ...p, indicative: pot && !(pot instanceof Error) ? pot.indicative : p.indicative };
    });
  }

  @ResolveField(() => Boolean, {
    description: 'A later year of the order draws on an indicative (not yet confirmed) allocation (commissioners, directorate, auditors).',
  })
  @Access(Role.COMMISSIONER, Role.DIRECTORATE, Role.AUDITOR)
  async indicativeBudget(@Parent() order: OrderView, @Loaders() loaders: RequestLoaders): Promise<boolean> {
    return (await this.budgetPhases(order, loaders)).some((p) => p.indicative);
  }
}
