export * from './contracts.enums';
export * from './contracts.exception';
export * from './dtos/contract.types';
export * from './services/contracts.service';
export * from './services/payments.service';
export * from './contracts.module';
export * from './migrations/1764201600600-contracts';
