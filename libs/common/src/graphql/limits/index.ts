export * from './query-analysis';
export * from './query-limits';
