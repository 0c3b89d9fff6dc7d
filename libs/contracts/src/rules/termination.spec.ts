import { unstartedLines } from './termination';

describe('periods after a termination', () => {
  const schedule = [
    { period: '2026-27-Q2', startDate: '2026-07-01' },
    { period: '2026-27-Q3', startDate: '2026-10-01' },
    { period: '2026-27-Q4', startDate: '2027-01-01' },
  ];

  it('lists the periods that begin after the stop, not the one under way', () => {
    expect(unstartedLines(schedule, '2026-12-03').map((l) => l.period)).toEqual(['2026-27-Q4']);
    expect(unstartedLines(schedule, '2026-09-30').map((l) => l.period)).toEqual(['2026-27-Q3', '2026-27-Q4']);
  });

  it('keeps a period that begins on the stop day (delivery began)', () => {
    expect(unstartedLines(schedule, '2026-10-01').map((l) => l.period)).toEqual(['2026-27-Q4']);
  });
});
