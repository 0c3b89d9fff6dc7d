import { parsePence } from '@mkt/common';
import { contractPhases } from './contract-phases';
import { buildSchedule } from './schedule';
import { splitValue } from './contract-terms';

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe('contractPhases', () => {
  it('phases a three-year contract over three financial years, summing to the value to the penny', () => {
    const terms = {
      startDate: '2026-07-01',
      endDate: '2029-06-30',
      reportingPeriod: 'QUARTERLY' as const,
      valuePence: parsePence('120000.01'),
      outcomeSharePercent: 10,
    };
    const phases = contractPhases(terms);
    expect(phases.map((p) => p.financialYear)).toEqual(['2026-27', '2027-28', '2028-29', '2029-30']);
    // 12 quarters: 2026-27 has Q2..Q4 (3), 2027-28 and 2028-29 four each, 2029-30 one (April-June 2029).
    expect(sum(phases.map((p) => p.total))).toBe(terms.valuePence);
    for (const p of phases) expect(p.fixed + p.outcome).toBe(p.total);
    const split = splitValue(terms.valuePence, 10);
    expect(sum(phases.map((p) => p.fixed))).toBe(split.fixedPart);
    expect(sum(phases.map((p) => p.outcome))).toBe(split.outcomePart);
  });

  it('gives three years for a contract from 1 April 2026 to 31 March 2029', () => {
    const phases = contractPhases({
      startDate: '2026-04-01',
      endDate: '2029-03-31',
      reportingPeriod: 'QUARTERLY',
      valuePence: parsePence('36000.00'),
      outcomeSharePercent: 0,
    });
    expect(phases).toEqual([
      { financialYear: '2026-27', fixed: 1_200_000n, outcome: 0n, total: 1_200_000n },
      { financialYear: '2027-28', fixed: 1_200_000n, outcome: 0n, total: 1_200_000n },
      { financialYear: '2028-29', fixed: 1_200_000n, outcome: 0n, total: 1_200_000n },
    ]);
  });

  it('equals the schedule per year (each period in the year of its start)', () => {
    const terms = {
      startDate: '2026-11-15',
      endDate: '2027-05-20',
      reportingPeriod: 'MONTHLY' as const,
      valuePence: 100_003n,
      outcomeSharePercent: 25,
    };
    const schedule = buildSchedule({ ...terms, split: splitValue(terms.valuePence, 25), payments: [], reports: [] });
    const phases = contractPhases(terms);
    const inYear = (fy: string) =>
      schedule.filter((l) => l.startDate >= `${fy.slice(0, 4)}-04-01` && l.startDate < `${Number(fy.slice(0, 4)) + 1}-04-01`);
    for (const p of phases) {
      expect(p.total).toBe(sum(inYear(p.financialYear).map((l) => l.fixedDue + l.outcomeAvailable)));
    }
    expect(sum(phases.map((p) => p.total))).toBe(100_003n);
  });

  it('keeps a contract inside one year in one phase', () => {
    expect(
      contractPhases({ startDate: '2026-05-01', endDate: '2026-10-31', reportingPeriod: 'QUARTERLY', valuePence: 999n, outcomeSharePercent: 0 }),
    ).toEqual([{ financialYear: '2026-27', fixed: 999n, outcome: 0n, total: 999n }]);
  });

  it('keeps the periods a no-cost extension froze at their amounts, as the schedule does', () => {
    // 4,000.00 from 1 October 2027, no outcome share, extended to 31 December 2028 with 2027-28-Q3 paid:
    // Q3 keeps 1,000.00 and the other 3,000.00 spreads over the four quarters left (750.00 each).
    const frozen = [{ period: '2027-28-Q3', fixed: 100_000n, outcome: 0n }];
    const terms = {
      startDate: '2027-10-01',
      endDate: '2028-12-31',
      reportingPeriod: 'QUARTERLY' as const,
      valuePence: 400_000n,
      outcomeSharePercent: 0,
    };
    expect(contractPhases({ ...terms, frozen }).map((p) => [p.financialYear, p.total])).toEqual([
      ['2027-28', 175_000n],
      ['2028-29', 225_000n],
    ]);
    // Without them, spread from scratch (800.00 over five quarters).
    expect(contractPhases(terms).map((p) => p.total)).toEqual([160_000n, 240_000n]);
  });
});
