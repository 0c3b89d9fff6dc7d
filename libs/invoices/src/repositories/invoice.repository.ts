import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConnectionShape, Money, penceFromDb } from '@mkt/common';
import { fetchKeysetPage, queryOne, queryRows, SqlFilter } from '@mkt/database';
import { InvoiceKind, InvoiceStatus } from '../invoices.enums';
import { InvoiceView } from '../dtos/invoice.types';
import { daysBetween, paidOnTime } from '../rules/payment-compliance';

export interface InvoiceRow {
  seq: string;
  id: string;
  contract_id: string;
  provider_id: string;
  region_code: string;
  period: string;
  kind: InvoiceKind;
  invoice_number: string;
  issued_on: string;
  received_on: string;
  due_on: string;
  net_pence: string;
  vat_pence: string;
  gross_pence: string;
  status: InvoiceStatus;
  submitted_by: string;
  reviewed_by: string | null;
  dispute_reason: string | null;
  payment_id: string | null;
  paid_on: string | null;
}

export interface NewInvoice {
  contractId: string;
  providerId: string;
  regionCode: string;
  period: string;
  kind: InvoiceKind;
  invoiceNumber: string;
  issuedOn: string;
  receivedOn: string;
  dueOn: string;
  netPence: bigint;
  vatPence: bigint;
  submittedBy: string;
  submittedAt: Date;
}

/** Dates as text: they are calendar days, never instants. */
const COLUMNS = `i.seq, i.id, i.contract_id, i.provider_id, i.region_code, i.period, i.kind, i.invoice_number,
  i.issued_on::text AS issued_on, i.received_on::text AS received_on, i.due_on::text AS due_on,
  i.net_pence, i.vat_pence, i.gross_pence, i.status, i.submitted_by, i.reviewed_by, i.dispute_reason, i.payment_id,
  i.paid_on::text AS paid_on`;

export function toInvoiceView(row: InvoiceRow): InvoiceView {
  const paid = row.paid_on ? { receivedOn: row.received_on, dueOn: row.due_on, paidOn: row.paid_on, grossPence: 0n } : null;
  return {
    id: row.id,
    contractId: row.contract_id,
    period: row.period,
    kind: row.kind,
    invoiceNumber: row.invoice_number,
    issuedOn: row.issued_on,
    receivedOn: row.received_on,
    payBy: row.due_on,
    net: Money.of(penceFromDb(row.net_pence)),
    vat: Money.of(penceFromDb(row.vat_pence)),
    gross: Money.of(penceFromDb(row.gross_pence)),
    status: row.status,
    disputeReason: row.dispute_reason,
    paymentId: row.payment_id,
    paidOn: row.paid_on,
    daysToPay: paid ? daysBetween(row.received_on, row.paid_on!) : null,
    paidOnTime: paid ? paidOnTime(paid) : null,
    submittedBy: row.submitted_by,
    reviewedBy: row.reviewed_by,
  };
}

/** The invoice table's SQL, all of it. */
@Injectable()
export class InvoiceRepository {
  async insert(em: EntityManager, invoice: NewInvoice): Promise<InvoiceRow> {
    const row = await queryOne<InvoiceRow>(
      em,
      `INSERT INTO invoice AS i (contract_id, provider_id, region_code, period, kind, invoice_number, issued_on, received_on, due_on,
         net_pence, vat_pence, submitted_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
      [
        invoice.contractId,
        invoice.providerId,
        invoice.regionCode,
        invoice.period,
        invoice.kind,
        invoice.invoiceNumber,
        invoice.issuedOn,
        invoice.receivedOn,
        invoice.dueOn,
        invoice.netPence.toString(),
        invoice.vatPence.toString(),
        invoice.submittedBy,
        invoice.submittedAt,
      ],
    );
    return row!;
  }

  byNumber(em: EntityManager, providerId: string, invoiceNumber: string): Promise<InvoiceRow | undefined> {
    return queryOne<InvoiceRow>(em, `SELECT ${COLUMNS} FROM invoice i WHERE i.provider_id = $1 AND i.invoice_number = $2`, [
      providerId,
      invoiceNumber,
    ]);
  }

  /** Net already asked for a period and kind by invoices still open (received or approved, not yet paid). */
  async openNet(em: EntityManager, contractId: string, period: string, kind: InvoiceKind): Promise<bigint> {
    const rows = await queryRows<{ net: string | null }>(
      em,
      `SELECT sum(net_pence)::text AS net FROM invoice WHERE contract_id = $1 AND period = $2 AND kind = $3 AND status IN ('SUBMITTED', 'APPROVED')`,
      [contractId, period, kind],
    );
    return penceFromDb(rows[0]?.net ?? '0');
  }

  /** Locks one invoice, within the filter's conditions (the caller's scope) which must name `i.` columns. */
  lock(em: EntityManager, id: string, f: SqlFilter): Promise<InvoiceRow | undefined> {
    f.add('i.id = ?::uuid', id);
    return queryOne<InvoiceRow>(em, `SELECT ${COLUMNS} FROM invoice i WHERE ${f.where.join(' AND ')} FOR UPDATE`, f.params);
  }

  async update(
    em: EntityManager,
    id: string,
    change: { status: InvoiceStatus; reviewedBy?: string; reviewedAt?: Date; disputeReason?: string | null; paymentId?: string; paidOn?: string },
  ): Promise<InvoiceRow> {
    const row = await queryOne<InvoiceRow>(
      em,
      `UPDATE invoice AS i SET status = $2,
         reviewed_by = COALESCE($3, reviewed_by), reviewed_at = CASE WHEN $3::text IS NULL THEN reviewed_at ELSE $7::timestamptz END,
         dispute_reason = CASE WHEN $2 = 'DISPUTED' THEN $4 ELSE dispute_reason END,
         payment_id = COALESCE($5::uuid, payment_id), paid_on = COALESCE($6::date, paid_on)
       WHERE i.id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        change.status,
        change.reviewedBy ?? null,
        change.disputeReason ?? null,
        change.paymentId ?? null,
        change.paidOn ?? null,
        change.reviewedAt ?? null,
      ],
    );
    return row!;
  }

  page(em: EntityManager, f: SqlFilter, page: { first: number; after?: string | null; withTotal: boolean }): Promise<ConnectionShape<InvoiceView>> {
    return fetchKeysetPage<InvoiceRow, InvoiceView>(
      em,
      { select: COLUMNS, from: 'invoice i', seqColumn: 'i.seq', where: f.where, params: f.params, ...page },
      toInvoiceView,
    );
  }
}
