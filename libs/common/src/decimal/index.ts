export * from './decimal';
export * from './is-decimal-number.decorator';
