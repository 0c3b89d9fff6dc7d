export * from './lone-surrogates';
export * from './is-decimal-number.decorator';
