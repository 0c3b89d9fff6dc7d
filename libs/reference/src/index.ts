export * from './service-category';
export * from './dtos/reference.types';
export * from './services/reference.service';
export * from './reference.module';
export * from './migrations/1764201600000-reference-data';
export { PDUS_2026, REGIONS_2026 } from './migrations/regions-and-pdus.data';
export * from './seed/seed-reference';
export * from './migrations/1764201610000-reference-published-views';
export * from './reference.schema';
