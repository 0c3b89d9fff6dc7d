import { InvoiceStatus } from '../invoices.enums';
import { assertTransition, canMove, sameSubmission } from './invoice-rules';

describe('invoice states', () => {
  it('moves SUBMITTED -> APPROVED -> PAID, and to DISPUTED before payment', () => {
    expect(canMove(InvoiceStatus.SUBMITTED, InvoiceStatus.APPROVED)).toBe(true);
    expect(canMove(InvoiceStatus.APPROVED, InvoiceStatus.PAID)).toBe(true);
    expect(canMove(InvoiceStatus.SUBMITTED, InvoiceStatus.DISPUTED)).toBe(true);
    expect(canMove(InvoiceStatus.APPROVED, InvoiceStatus.DISPUTED)).toBe(true);
  });

  it('refuses paying an unapproved invoice and any move out of PAID or DISPUTED', () => {
    expect(() => assertTransition(InvoiceStatus.SUBMITTED, InvoiceStatus.PAID)).toThrow(/SUBMITTED cannot become PAID/);
    for (const to of Object.values(InvoiceStatus)) {
      expect(canMove(InvoiceStatus.PAID, to)).toBe(false);
      expect(canMove(InvoiceStatus.DISPUTED, to)).toBe(false);
    }
  });

  it('recognises a retried submission', () => {
    const existing = { contract_id: 'c', period: '2026-27-Q1', kind: 'FIXED', issued_on: '2026-07-01', net_pence: '100', vat_pence: '0' };
    const input = { contractId: 'c', period: '2026-27-Q1', kind: 'FIXED', issuedOn: '2026-07-01' };
    expect(sameSubmission(existing, input, 100n, 0n)).toBe(true);
    expect(sameSubmission(existing, input, 101n, 0n)).toBe(false);
    expect(sameSubmission(existing, { ...input, period: '2026-27-Q2' }, 100n, 0n)).toBe(false);
  });
});
