import { Injectable } from '@nestjs/common';
import { type Principal } from '@mkt/auth';
import { TransactionRunner } from '@mkt/database';
import { BudgetsService, BudgetView, SetBudgetInput } from '@mkt/budgets';
import { OrderExpiryService } from './order-expiry.service';

/**
 * Setting a budget, run from ordering because only ordering knows which reservations are stale:
 * in one transaction the pot is locked, its expired orders release their reservations, and only
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
      const before = await this.budgets.lockPot(em, input);
      if (before) await this.expiry.expireDue(em, before.id);
      return this.budgets.allocate(em, actor, input, amount, before);
    });
  }
}
