export * from './contracts.enums';
export * from './contracts.exception';
export * from './dtos/contract.types';
export * from './services/contracts.service';
export * from './services/payments.service';
// The outcome payment rule and reporting periods, for the seed generator (apps/api/src/cli/seed) that writes money as the app would.
export { achievement, fractionToNumber, outcomePaymentEarned, weightedScore } from './rules/outcome-payment';
export { reportingPeriods } from './rules/reporting-periods';
export * from './contracts.module';
export * from './migrations/1764201600600-contracts';
export * from './migrations/1764201610040-contract-spend-read-model';
export * from './contracts.schema';
