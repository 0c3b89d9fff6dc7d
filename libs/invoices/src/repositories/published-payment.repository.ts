import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Pence, penceFromDb } from '@mkt/common';
import { queryRows } from '@mkt/database';
import { PublishedPayment } from '../rules/transparency';

interface PublishedPaymentRow {
  payment_id: string;
  contract_id: string;
  paid_on: string;
  gross_pence: string;
  vat_pence: string | null;
  invoice_number: string | null;
  legal_name: string;
  identifier: string;
  category: string;
  region_code: string;
  period: string;
  kind: 'FIXED' | 'OUTCOME';
  reversed_on: string | null;
}

/**
 * Payments for the transparency publications, from the ledger contracts publishes
 * (contract_payment_v), the supplier's name organisations publishes, and the invoice a payment
 * settled (for its VAT).
 */
@Injectable()
export class PublishedPaymentRepository {
  async paidBetween(em: EntityManager, start: string, end: string, overPence: Pence): Promise<PublishedPayment[]> {
    const rows = await queryRows<PublishedPaymentRow>(
      em,
      `SELECT p.payment_id, p.contract_id, p.paid_on::text AS paid_on, g.gross_pence, i.vat_pence, i.invoice_number,
              o.legal_name, o.identifier, p.category, p.region_code, p.period, p.kind, p.reversed_on::text AS reversed_on
       FROM contract_payment_v p
       JOIN organisation_profile_v o ON o.id = p.provider_id
       LEFT JOIN invoice i ON i.payment_id = p.payment_id
       CROSS JOIN LATERAL (SELECT coalesce(i.gross_pence, p.amount_pence) AS gross_pence) g
       WHERE p.paid_on BETWEEN $1 AND $2 AND g.gross_pence > $3
       ORDER BY p.paid_on, p.seq`,
      [start, end, overPence.toString()],
    );
    return rows.map((r) => ({
      paymentId: r.payment_id,
      contractId: r.contract_id,
      paidOn: r.paid_on,
      grossPence: penceFromDb(r.gross_pence),
      vatPence: r.vat_pence === null ? null : penceFromDb(r.vat_pence),
      invoiceNumber: r.invoice_number,
      supplierName: r.legal_name,
      supplierIdentifier: r.identifier,
      category: r.category,
      regionCode: r.region_code,
      period: r.period,
      kind: r.kind,
      reversedOn: r.reversed_on,
    }));
  }
}
