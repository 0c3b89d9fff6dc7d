export * from './rate-limit.store';
export * from './memory-rate-limit.store';
export * from './postgres-rate-limit.store';
export * from './rate-limiter';
export * from './rate-limit.module';
export * from './migrations/1764201609000-rate-limit-counters';
export * from './ratelimit.schema';
