export * from './query-analysis';
export * from './query-limits';
export * from './list-bounds';
