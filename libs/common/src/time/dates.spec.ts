import { financialQuarterOf, financialQuarterRange, financialYearOf, isFinancialYear, isIsoDate, monthsSpanned } from './dates';

describe('dates', () => {
  it.each([
    ['2026-04-01', '2026-27', 1],
    ['2026-06-30', '2026-27', 1],
    ['2026-07-01', '2026-27', 2],
    ['2026-12-31', '2026-27', 3],
    ['2027-01-01', '2026-27', 4],
    ['2027-03-31', '2026-27', 4],
    ['1999-04-01', '1999-00', 1],
  ])('%s is in financial year %s, quarter %s', (date, year, quarter) => {
    expect(financialYearOf(date)).toBe(year);
    expect(financialQuarterOf(date)).toBe(quarter);
  });

  it('validates ISO dates and financial years', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-4-1')).toBe(false);
    expect(isFinancialYear('2026-27')).toBe(true);
    expect(isFinancialYear('2026-28')).toBe(false);
    expect(isFinancialYear('1999-00')).toBe(true);
  });

  it('gives quarter ranges', () => {
    expect(financialQuarterRange('2026-27', 1)).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(financialQuarterRange('2026-27', 3)).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(financialQuarterRange('2026-27', 4)).toEqual({ start: '2027-01-01', end: '2027-03-31' });
  });

  it('lists the calendar months a period spans', () => {
    expect(monthsSpanned('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsSpanned('2026-05-01', '2026-05-31')).toEqual(['2026-05']);
  });
});
