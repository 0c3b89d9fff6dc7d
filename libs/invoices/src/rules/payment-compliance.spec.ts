import { complianceFigures, complianceReportingPeriod, daysToPay, paidOnTime } from './payment-compliance';

describe('prompt payment', () => {
  const invoice = (receivedOn: string, paidOn: string, dueOn?: string) => ({ receivedOn, paidOn, dueOn, grossPence: 100_00n });

  it('counts days from receipt: day 30 is on time, day 31 late', () => {
    expect(daysToPay(invoice('2026-06-01', '2026-07-01'))).toBe(30);
    expect(paidOnTime(invoice('2026-06-01', '2026-07-01'))).toBe(true);
    expect(daysToPay(invoice('2026-06-01', '2026-07-02'))).toBe(31);
    expect(paidOnTime(invoice('2026-06-01', '2026-07-02'))).toBe(false);
  });

  it('starts the term from a later due date on the invoice', () => {
    expect(daysToPay(invoice('2026-06-01', '2026-08-10', '2026-08-01'))).toBe(70);
    expect(paidOnTime(invoice('2026-06-01', '2026-08-10', '2026-08-01'))).toBe(false);
    expect(paidOnTime(invoice('2026-06-01', '2026-08-01', '2026-08-01'))).toBe(true);
    expect(paidOnTime(invoice('2026-06-01', '2026-07-01', '2026-06-15'))).toBe(true);
  });

  it('reports per six-month period', () => {
    expect(complianceReportingPeriod('2026-09-30')).toEqual({ start: '2026-04-01', end: '2026-09-30' });
    expect(complianceReportingPeriod('2026-10-01')).toEqual({ start: '2026-10-01', end: '2027-03-31' });
    expect(complianceReportingPeriod('2027-02-14')).toEqual({ start: '2026-10-01', end: '2027-03-31' });
  });

  it('shares invoices by days taken', () => {
    const figures = complianceFigures([
      invoice('2026-06-01', '2026-06-20'),
      invoice('2026-06-01', '2026-07-01'),
      invoice('2026-06-01', '2026-07-02'),
      invoice('2026-06-01', '2026-09-01'),
    ]);
    expect(figures).toEqual({ invoices: 4, averageDays: 43, withinTerm: 50, within30: 50, from31To60: 25, over60: 25, grossPaid: 400_00n });
    expect(complianceFigures([]).averageDays).toBeNull();
  });
});
