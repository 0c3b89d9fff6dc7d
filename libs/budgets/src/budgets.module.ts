import { Module } from '@nestjs/common';
import { BudgetsResolver } from './resolvers/budgets.resolver';
import { BudgetsService } from './services/budgets.service';

@Module({ providers: [BudgetsService, BudgetsResolver], exports: [BudgetsService] })
export class BudgetsModule {}
