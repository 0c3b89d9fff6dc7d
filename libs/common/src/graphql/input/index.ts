export * from './lone-surrogates';
export * from './stacked';
