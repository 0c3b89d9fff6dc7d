export * from './lone-surrogates';
