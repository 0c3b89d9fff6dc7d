import { Random } from '@mkt/common';

/**
 * Generators for the hostile-input test: GraphQL documents built from the real schema (then
 * broken in many ways), hostile variable values, and malformed HTTP requests. Deterministic: every
 * choice comes from a seeded PRNG (the seed's, in @mkt/common), so a failure can be replayed with the same seed.
 */
export { Random };
export * from './fuzz-values';
export * from './fuzz-documents';
export * from './fuzz-requests';
