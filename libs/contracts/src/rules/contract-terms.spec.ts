import { periodAllowances, splitValue } from './contract-terms';
import { reportingPeriods } from './reporting-periods';

describe('contract terms', () => {
  it('splits the value by the outcome share and spreads both parts over the periods', () => {
    const split = splitValue(1_000_001n, 20); // GBP 10,000.01, 20% on outcomes
    expect(split).toEqual({ fixedPart: 800_001n, outcomePart: 200_000n });
    const periods = reportingPeriods('2026-04-01', '2027-03-31', 'QUARTERLY');
    const allowances = periodAllowances(split, periods);
    expect(allowances.map((a) => a.fixedDue)).toEqual([200_000n, 200_000n, 200_000n, 200_001n]);
    expect(allowances.map((a) => a.outcomeAvailable)).toEqual([50_000n, 50_000n, 50_000n, 50_000n]);
  });

  it('handles a zero outcome share', () => {
    expect(splitValue(999n, 0)).toEqual({ fixedPart: 999n, outcomePart: 0n });
  });
});
