import path from 'node:path';

/** dist/, where `npm run bench:build` puts the built app beside the bench (this file runs from dist/bench/lib). */
const DIST = path.resolve(__dirname, '..', '..');

/**
 * A module of the built app, loaded at run time: the bench compiles on its own (bench/tsconfig.json,
 * no path into libs/), so it is typed by the caller as far as the caller uses it.
 */
export const loadBuilt = <T>(file: string): T =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  require(path.join(DIST, file)) as T;
