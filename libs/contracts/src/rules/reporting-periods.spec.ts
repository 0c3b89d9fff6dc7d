import { reportingPeriods } from './reporting-periods';

describe('reporting periods', () => {
  it('names financial-year quarters, counting partial ones whole', () => {
    expect(reportingPeriods('2026-05-15', '2027-01-10', 'QUARTERLY').map((p) => p.name)).toEqual([
      '2026-27-Q1',
      '2026-27-Q2',
      '2026-27-Q3',
      '2026-27-Q4',
    ]);
    expect(reportingPeriods('2027-03-31', '2027-04-01', 'QUARTERLY')).toEqual([
      { name: '2026-27-Q4', start: '2027-01-01', end: '2027-03-31' },
      { name: '2027-28-Q1', start: '2027-04-01', end: '2027-06-30' },
    ]);
  });

  it('names calendar months', () => {
    expect(reportingPeriods('2026-11-20', '2027-01-05', 'MONTHLY')).toEqual([
      { name: '2026-11', start: '2026-11-01', end: '2026-11-30' },
      { name: '2026-12', start: '2026-12-01', end: '2026-12-31' },
      { name: '2027-01', start: '2027-01-01', end: '2027-01-31' },
    ]);
    expect(reportingPeriods('2028-02-10', '2028-02-10', 'MONTHLY')).toEqual([{ name: '2028-02', start: '2028-02-01', end: '2028-02-29' }]);
  });
});
