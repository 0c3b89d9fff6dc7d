export * from './money';
export * from './money.types';
export * from './is-money.decorator';
export * from './allocate';
