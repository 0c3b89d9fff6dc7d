import { Injectable } from '@nestjs/common';
import { type Principal } from '@mkt/auth';
import { TransactionRunner } from '@mkt/database';
import { BudgetsService, BudgetView, SetBudgetInput } from '@mkt/budgets';
import { OrderExpiryService } from './order-expiry.service';

/**
 * Setting a budget, run from ordering because only ordering knows which reservations are stale:
 * in one transaction its expired orders release their reservations, the pot is locked, and only
 * then is the new allocation judged against what is reserved and committed. Budgets never calls
 * back into ordering (the dependency runs ordering -> budgets only).
 */
@Injectable()
export class BudgetAllocationService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly budgets: BudgetsService,
    private readonly expiry: OrderExpiryService,
  ) {}

  setBudget(actor: Principal, input: SetBudgetInput): Promise<BudgetView> {
    const amount = this.budgets.allocationOf(input);
    return this.db.run(async (em) => {
      // Expired orders are released before the pot is locked: their pots (this one among them) are
      // taken in financial-year order, as placements take them, never an earlier year after this one.
      const found = await this.budgets.findPot(em, input);
      if (found) await this.expiry.expireDue(em, found.id, [{ budgetId: found.id, financialYear: found.financialYear }]);
      const before = await this.budgets.lockPot(em, input);
      return this.budgets.allocate(em, actor, input, amount, before);
    });
  }
}
