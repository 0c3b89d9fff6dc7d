import { InvoiceStatus } from '../invoices.enums';
import { InvoicesErrorCode, InvoicesException } from '../invoices.exception';

/** Which status an invoice may move to from each status. A disputed invoice is final: the provider submits a corrected one. */
const NEXT: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  SUBMITTED: [InvoiceStatus.APPROVED, InvoiceStatus.DISPUTED],
  APPROVED: [InvoiceStatus.PAID, InvoiceStatus.DISPUTED],
  DISPUTED: [],
  PAID: [],
};

export function canMove(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: InvoiceStatus, to: InvoiceStatus): void {
  if (!canMove(from, to))
    throw new InvoicesException(InvoicesErrorCode.INVALID_STATE, `An invoice that is ${from} cannot become ${to}`, { status: from });
}

/** A retried submission: the same invoice number with the same contract, period, kind, amounts and dates. */
export function sameSubmission(
  existing: { contract_id: string; period: string; kind: string; issued_on: string; net_pence: string; vat_pence: string },
  input: { contractId: string; period: string; kind: string; issuedOn: string },
  net: bigint,
  vat: bigint,
): boolean {
  return (
    existing.contract_id === input.contractId &&
    existing.period === input.period &&
    existing.kind === input.kind &&
    existing.issued_on === input.issuedOn &&
    BigInt(existing.net_pence) === net &&
    BigInt(existing.vat_pence) === vat
  );
}
