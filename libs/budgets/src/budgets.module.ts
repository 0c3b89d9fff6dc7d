import { Module } from '@nestjs/common';
import { BudgetRepository } from './repositories/budget.repository';
import { BudgetsResolver } from './resolvers/budgets.resolver';
import { BudgetsService } from './services/budgets.service';

@Module({ providers: [BudgetsService, BudgetRepository, BudgetsResolver], exports: [BudgetsService] })
export class BudgetsModule {}
