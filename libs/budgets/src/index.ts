export * from './budgets.exception';
export * from './dtos/budget.types';
export * from './services/budgets.service';
export * from './budgets.module';
export * from './migrations/1764201600400-budgets';
export * from './migrations/1764201611100-budget-phasing';
export * from './seed/seed-budgets';
export * from './budgets.schema';
