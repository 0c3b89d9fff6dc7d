import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@mkt/common';
import { queryOne, queryRows } from '@mkt/database';
import { PaymentKind } from '../contracts.enums';
import { PaymentRow } from './contract.rows';

/** A ledger entry to append: a payment, or the reversal of one. */
export interface NewPayment {
  contractId: string;
  period: string;
  kind: PaymentKind;
  amount: bigint;
  paidOn: string;
  reference: string;
  idempotencyKey: string;
  hash: string;
  recordedBy: string;
  reverses: string | null;
  reason: string | null;
}

/** SQL for the `payment` ledger (append only: the table refuses updates and deletes). */
@Injectable()
export class PaymentRepository {
  /** `recorded_at` is the app's clock (one clock for every timestamp). */
  constructor(private readonly clock: Clock) {}

  findById(em: EntityManager, id: string): Promise<PaymentRow | undefined> {
    return queryOne<PaymentRow>(em, 'SELECT * FROM payment WHERE id = $1', [id]);
  }

  ofContracts(em: EntityManager, contractIds: readonly string[]): Promise<PaymentRow[]> {
    return queryRows<PaymentRow>(em, 'SELECT * FROM payment WHERE contract_id = ANY($1) ORDER BY seq', [contractIds]);
  }

  async append(em: EntityManager, p: NewPayment): Promise<PaymentRow> {
    const row = await queryOne<PaymentRow>(
      em,
      `INSERT INTO payment (contract_id, period, kind, amount_pence, paid_on, reference, idempotency_key, request_hash, recorded_by,
         reverses_payment_id, reason, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [
        p.contractId,
        p.period,
        p.kind,
        p.amount.toString(),
        p.paidOn,
        p.reference,
        p.idempotencyKey,
        p.hash,
        p.recordedBy,
        p.reverses,
        p.reason,
        this.clock.now(),
      ],
    );
    return row!;
  }
}
