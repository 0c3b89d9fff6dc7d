import { suspendedDays, withoutSuspendedDays } from './suspension';

const line = (startDate: string, endDate: string, fixed: bigint, outcome: bigint, paid = 0n) => ({
  period: `${startDate}`,
  startDate,
  endDate,
  fixedDue: fixed,
  outcomeAvailable: outcome,
  fixedPaid: paid,
  outcomePaid: 0n,
  outcomeEarned: 0n,
  reportStatus: null as string | null,
});

describe('suspended days', () => {
  it('counts the days from the suspension up to the day before it ended, within the period', () => {
    // Suspended on 1 November, active again on 1 December: 30 days of November.
    expect(suspendedDays('2026-10-01', '2026-12-31', [{ from: '2026-11-01', to: '2026-12-01' }])).toBe(30);
    expect(suspendedDays('2027-01-01', '2027-03-31', [{ from: '2026-11-01', to: '2026-12-01' }])).toBe(0);
    // Across two periods: only the period's own days.
    expect(suspendedDays('2026-10-01', '2026-12-31', [{ from: '2026-12-15', to: '2027-01-10' }])).toBe(17);
    expect(suspendedDays('2027-01-01', '2027-03-31', [{ from: '2026-12-15', to: '2027-01-10' }])).toBe(9);
  });

  it('cuts each part by the suspended share of the period, to the penny', () => {
    // Q3 has 92 days; 30 suspended: 1,600.00 x 62/92 = 1,078.26 and 400.00 x 62/92 = 269.57.
    const [q3, q4] = withoutSuspendedDays(
      [line('2026-10-01', '2026-12-31', 160_000n, 40_000n), line('2027-01-01', '2027-03-31', 160_000n, 40_000n)],
      '2027-03-31',
      [{ from: '2026-11-01', to: '2026-12-01' }],
    );
    expect([q3.fixedDue, q3.outcomeAvailable]).toEqual([107_826n, 26_957n]);
    expect([q4.fixedDue, q4.outcomeAvailable]).toEqual([160_000n, 40_000n]);
  });

  it('never cuts below what was paid, and leaves an approved report its allowance', () => {
    const paid = line('2026-10-01', '2026-12-31', 160_000n, 40_000n, 150_000n);
    const approved = { ...line('2026-10-01', '2026-12-31', 160_000n, 40_000n), reportStatus: 'APPROVED' };
    const [p, a] = withoutSuspendedDays([paid, approved], '2027-03-31', [{ from: '2026-11-01', to: '2026-12-01' }]);
    expect(p.fixedDue).toBe(150_000n);
    expect(a.outcomeAvailable).toBe(40_000n);
  });
});
