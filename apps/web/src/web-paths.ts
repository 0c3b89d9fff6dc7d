/**
 * The paths the web service answers. Everything else (/graphql, /health*, /publications*,
 * /exports*) passes through untouched to the API's own routes and headers.
 */
export const WEB_PREFIXES = ['/assets', '/sign-in', '/sign-out', '/provider', '/commissioner', '/directorate', '/admin', '/supply-chain'];

export function isWebPath(path: string): boolean {
  if (path === '/') return true;
  return WEB_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
