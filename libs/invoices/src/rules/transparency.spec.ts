import { monthRange, quarterRange, significantPaymentLine, spendOverLine } from './transparency';

describe('transparency publications', () => {
  it('names a financial quarter or a calendar month, and nothing else', () => {
    expect(quarterRange('2026-27-Q4')).toEqual({ label: '2026-27-Q4', start: '2027-01-01', end: '2027-03-31' });
    expect(quarterRange('2026-28-Q1')).toBeNull();
    expect(quarterRange('2026-27-Q0')).toBeNull();
    expect(monthRange('2028-02')).toEqual({ label: '2028-02', start: '2028-02-01', end: '2028-02-29' });
    expect(monthRange('2027-02')?.end).toBe('2027-02-28');
    expect(monthRange('2026-13')).toBeNull();
    expect(monthRange('2026-7')).toBeNull();
  });

  it('writes gross amounts and quotes names a spreadsheet would split or run', () => {
    const payment = {
      paymentId: 'p1',
      contractId: 'c1',
      paidOn: '2026-07-15',
      grossPence: 3_360_000n,
      vatPence: 560_000n,
      invoiceNumber: '=1+1',
      supplierName: 'Hope, Ltd',
      supplierIdentifier: 'GB-COH-01234567',
      category: 'ACCOMMODATION',
      regionCode: 'north-west',
      period: '2026-27-Q1',
      kind: 'OUTCOME' as const,
      reversedOn: null,
    };
    expect(significantPaymentLine(payment, 'ocds-abc123')).toBe(
      `2026-07-15,33600.00,5600.00,"Hope, Ltd",GB-COH-01234567,ocds-abc123-c1,2026-27-Q1,OUTCOME,'=1+1,p1,\r\n`,
    );
    expect(spendOverLine(payment)).toContain(',"Hope, Ltd",p1,33600.00,"Probation services contract, 2026-27-Q1 outcome payment"\r\n');
  });
});
