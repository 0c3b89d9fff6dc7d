import { bankHolidays, easterSunday, WorkingDays } from './working-days';

describe('bank holidays in England and Wales', () => {
  it('finds Easter Sunday', () => {
    expect([2024, 2025, 2026, 2027, 2028].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16']);
  });

  it('matches the GOV.UK list, substitute days included', () => {
    expect(bankHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28', // Boxing Day is a Saturday
    ]);
    expect(bankHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-27', // Christmas Day is a Saturday
      '2027-12-28',
    ]);
    expect(bankHolidays(2028)).toContain('2028-01-03'); // New Year's Day is a Saturday
    expect(bankHolidays(2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(bankHolidays(2022)).not.toContain('2022-05-30');
  });
});

describe('working days', () => {
  const days = new WorkingDays();

  it('skips weekends and bank holidays', () => {
    expect(days.add('2026-12-02', 10)).toBe('2026-12-16');
    // From Wednesday 23 December 2026: 24, (25 and 28 are bank holidays), 29, 30, 31, then 1 January is one too.
    expect(days.add('2026-12-23', 5)).toBe('2027-01-04');
    expect(days.add('2026-04-02', 1)).toBe('2026-04-07'); // Good Friday and Easter Monday
    expect(days.add('2026-06-05', 0)).toBe('2026-06-05');
  });

  it('takes extra proclaimed days from configuration', () => {
    expect(new WorkingDays(['2026-12-16']).add('2026-12-02', 10)).toBe('2026-12-17');
  });

  it('refuses a fractional or negative count', () => {
    expect(() => days.add('2026-12-02', -1)).toThrow(RangeError);
    expect(() => days.add('2026-12-02', 1.5)).toThrow(RangeError);
  });
});
