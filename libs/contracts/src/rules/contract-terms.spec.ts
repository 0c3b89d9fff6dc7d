import { periodAllowances, splitValue } from './contract-terms';
import { reportingPeriods } from './reporting-periods';

describe('contract terms', () => {
  it('splits the value by the outcome share and spreads both parts over the periods', () => {
    const split = splitValue(1_000_001n, 20); // GBP 10,000.01, 20% on outcomes
    expect(split).toEqual({ fixedPart: 800_001n, outcomePart: 200_000n });
    const periods = reportingPeriods('2026-04-01', '2027-03-31', 'QUARTERLY');
    const allowances = periodAllowances(split, periods, { startDate: '2026-04-01', endDate: '2027-03-31' });
    expect(allowances.map((a) => a.fixedDue)).toEqual([200_000n, 200_000n, 200_000n, 200_001n]);
    expect(allowances.map((a) => a.outcomeAvailable)).toEqual([50_000n, 50_000n, 50_000n, 50_000n]);
  });

  it('spreads both parts pro rata by days over a 1 December start', () => {
    const split = splitValue(1_200_000n, 25); // GBP 12,000.00: 9,000.00 fixed, 3,000.00 on outcomes
    const dates = { startDate: '2026-12-01', endDate: '2027-11-30' };
    const allowances = periodAllowances(split, reportingPeriods(dates.startDate, dates.endDate, 'QUARTERLY'), dates);
    // Weights 31/92, 1, 1, 1, 61/92 = 4 shares: 9,000.00 x (31/92) / 4 = 758.15 (rounded down)
    expect(allowances.map((a) => a.fixedDue)).toEqual([75_815n, 225_000n, 225_000n, 225_000n, 149_185n]);
    expect(allowances.map((a) => a.outcomeAvailable)).toEqual([25_271n, 75_000n, 75_000n, 75_000n, 49_729n]);
  });

  it('keeps frozen periods and spreads the rest over the others', () => {
    const dates = { startDate: '2026-04-01', endDate: '2027-06-30' };
    const periods = reportingPeriods(dates.startDate, dates.endDate, 'QUARTERLY');
    const frozen = [{ period: '2026-27-Q1', fixed: 100_000n, outcome: 10_000n }];
    const allowances = periodAllowances({ fixedPart: 500_000n, outcomePart: 50_000n }, periods, dates, frozen);
    expect(allowances.map((a) => a.fixedDue)).toEqual([100_000n, 100_000n, 100_000n, 100_000n, 100_000n]);
    expect(allowances.map((a) => a.outcomeAvailable)).toEqual([10_000n, 10_000n, 10_000n, 10_000n, 10_000n]);
  });

  it('handles a zero outcome share', () => {
    expect(splitValue(999n, 0)).toEqual({ fixedPart: 999n, outcomePart: 0n });
  });
});
