import { isWebPath } from './web-paths';

describe('isWebPath', () => {
  it('claims the pages and their assets', () => {
    for (const path of ['/', '/sign-in', '/sign-in/callback', '/provider/offers', '/assets/govuk-frontend.min.css', '/supply-chain'])
      expect(isWebPath(path)).toBe(true);
  });

  it('never shadows the API routes', () => {
    for (const path of ['/graphql', '/health', '/health/live', '/publications/supply-chain', '/exports/spend.csv', '/providers', '/signin'])
      expect(isWebPath(path)).toBe(false);
  });
});
