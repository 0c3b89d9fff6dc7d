import { parsePence } from '@mkt/common';
import { coverage, phaseByFinancialYear, proRataShares } from './pro-rata';
import { reportingPeriods } from './reporting-periods';

const shares = (total: string, start: string, end: string, kind: 'QUARTERLY' | 'MONTHLY' = 'QUARTERLY') =>
  proRataShares(parsePence(total), coverage(reportingPeriods(start, end, kind), start, end));

describe('pro-rata instalments', () => {
  it('keeps whole quarters equal', () => {
    expect(shares('15000.00', '2026-04-01', '2027-03-31')).toEqual([375_000n, 375_000n, 375_000n, 375_000n]);
  });

  it('gives a 1 December start a first quarter of 31/92 of a share', () => {
    // 1 Dec 2026 to 30 Nov 2027: Q3 (Dec only), Q4, Q1, Q2, Q3 (Oct-Nov): weights 31/92, 1, 1, 1, 61/92 = 4 shares.
    const parts = shares('12000.00', '2026-12-01', '2027-11-30');
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(1_200_000n);
    expect(parts[0]).toBe(101_086n); // 12,000.00 x (31/92) / 4 = 1,010.86
    expect(parts.slice(1, 4)).toEqual([300_000n, 300_000n, 300_000n]);
    expect(parts[4]).toBe(1_200_000n - 101_086n - 900_000n); // 61/92 of a share, with the remainder penny
  });

  it('phases a three-year contract over three financial years', () => {
    const start = '2026-10-01';
    const end = '2029-09-30';
    const periods = coverage(reportingPeriods(start, end, 'QUARTERLY'), start, end);
    const amounts = proRataShares(parsePence('36000.00'), periods);
    const phases = phaseByFinancialYear(periods.map((p, i) => ({ startDate: p.start, amount: amounts[i] })));
    expect(phases).toEqual([
      { financialYear: '2026-27', amount: 600_000n },
      { financialYear: '2027-28', amount: 1_200_000n },
      { financialYear: '2028-29', amount: 1_200_000n },
      { financialYear: '2029-30', amount: 600_000n },
    ]);
  });

  it('shares monthly periods by the days of each month', () => {
    const parts = shares('3100.00', '2026-05-17', '2026-07-31', 'MONTHLY');
    // May: 15 of 31 days; June and July whole.
    expect(parts).toEqual([60_389n, 124_805n, 124_806n]); // 15/31, 1 and 1 shares of 77/31
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(310_000n);
  });
});
