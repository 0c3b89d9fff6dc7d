import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, formatPence, formatPounds, MAX_PAYMENT_LEDGER_ENTRIES, onDomainError, parsePence } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { queryOne, TransactionRunner } from '@mkt/database';
import { PaymentKind, ReportStatus } from '../contracts.enums';
import { PAYMENT_RUN_OFF_MONTHS, paymentWindow } from '../rules/contract-dates';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { RecordPaymentInput, ReversePaymentInput } from '../dtos/contract.inputs';
import { PaymentView } from '../dtos/contract.types';
import { mapPayment, PaymentRow } from './contract.rows';
import { ContractsService, ContractState } from './contracts.service';

/**
 * The payment ledger. Entries are only ever appended (the table refuses updates and deletes); a
 * mistake is corrected by a reversing entry. Payments of one contract queue on the contract's row
 * lock, so two concurrent payments cannot both fit under what is due.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly audit: AuditService,
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
  ) {}

  record(actor: Principal, input: RecordPaymentInput): Promise<PaymentView> {
    return this.db.run((em) => this.recordIn(em, actor, input));
  }

  /** Records a payment inside the caller's transaction (an invoice settled by it, in one commit). */
  recordIn(em: EntityManager, actor: Principal, input: RecordPaymentInput): Promise<PaymentView> {
    const amount = parsePence(input.amount);
    if (input.paidOn > this.clock.today()) throw ContractsException.badInput('paidOn', 'must not be in the future');
    const hash = requestHash({ ...input, idempotencyKey: undefined, amount: formatPence(amount) });
    return (async () => {
      const state = await this.contracts.lockFor(em, actor, input.contractId, 'commissioner');
      const replay = this.replay(state, input.idempotencyKey, hash);
      if (replay) return replay;
      assertLedgerRoom(state.payments.length);
      const period = state.schedule.find((p) => p.period === input.period);
      if (!period) throw ContractsException.badInput('period', 'not a reporting period of this contract');
      const window = paymentWindow(state.contract.startDate, state.contract.endDate);
      if (input.paidOn < window.from || input.paidOn > window.to) {
        throw ContractsException.badInput(
          'paidOn',
          `must be within the contract's life plus ${PAYMENT_RUN_OFF_MONTHS} months' run-off for arrears: ${window.from} to ${window.to}`,
        );
      }
      this.contracts.assertPeriodBeforeStop(state, period, 'payment');

      let due: bigint;
      let alreadyPaid: bigint;
      if (input.kind === PaymentKind.FIXED) {
        if (period.startDate > this.clock.today()) {
          throw new ContractsException(
            ContractsErrorCode.PAYMENT_NOT_DUE,
            `The fixed instalment for ${period.period} is due from ${period.startDate}`,
          );
        }
        due = period.fixedDue;
        alreadyPaid = period.fixedPaid;
      } else {
        const report = state.reports.find((r) => r.period === input.period);
        if (report?.status !== ReportStatus.APPROVED) {
          throw new ContractsException(
            ContractsErrorCode.PAYMENT_NOT_DUE,
            `No approved performance report for ${period.period}: no outcome payment is due yet`,
          );
        }
        if (report.reviewed_by === actor.sub) {
          throw new ContractsException(
            ContractsErrorCode.SEPARATION_OF_DUTIES,
            'You approved the report this outcome payment pays; another commissioner must record the payment',
          );
        }
        due = period.outcomeEarned;
        alreadyPaid = period.outcomePaid;
      }
      if (alreadyPaid + amount > due) {
        throw new ContractsException(
          ContractsErrorCode.OVERPAYMENT,
          `${formatPounds(alreadyPaid)} of ${formatPounds(due)} due for ${period.period} (${input.kind}) is paid; ${formatPounds(amount)} more would overpay`,
          { due: formatPence(due), paid: formatPence(alreadyPaid) },
        );
      }
      return this.insert(em, actor, {
        contractId: state.contract.id,
        period: input.period,
        kind: input.kind,
        amount: amount,
        paidOn: input.paidOn,
        reference: input.reference,
        idempotencyKey: input.idempotencyKey,
        hash,
        reverses: null,
        reason: null,
      });
    })();
  }

  reverse(actor: Principal, input: ReversePaymentInput): Promise<PaymentView> {
    const hash = requestHash({ ...input, idempotencyKey: undefined });
    return this.db.run(async (em) => {
      const original = await queryOne<PaymentRow>(em, 'SELECT * FROM payment WHERE id = $1', [input.paymentId]);
      if (!original) throw ContractsException.notFound('Payment');
      const state = await this.contracts.lockFor(em, actor, original.contract_id, 'commissioner').catch(
        onDomainError(ContractsErrorCode.NOT_FOUND, () => {
          throw ContractsException.notFound('Payment');
        }),
      );
      const replay = this.replay(state, input.idempotencyKey, hash);
      if (replay) return replay;
      assertLedgerRoom(state.payments.length);
      if (original.reverses_payment_id) throw new ContractsException(ContractsErrorCode.INVALID_STATE, 'A reversal cannot itself be reversed');
      if (state.payments.some((p) => p.reverses_payment_id === original.id)) {
        throw new ContractsException(ContractsErrorCode.INVALID_STATE, 'The payment has already been reversed');
      }
      return this.insert(em, actor, {
        contractId: original.contract_id,
        period: original.period,
        kind: original.kind,
        amount: -BigInt(original.amount_pence),
        paidOn: this.clock.today(),
        reference: `Reversal of ${original.reference}`,
        idempotencyKey: input.idempotencyKey,
        hash,
        reverses: original.id,
        reason: input.reason,
      });
    });
  }

  /** The same key again: the same payment if the request is the same, else refused. */
  private replay(state: ContractState, key: string, hash: string): PaymentView | undefined {
    const existing = state.payments.find((p) => p.idempotency_key === key.toLowerCase());
    if (!existing) return undefined;
    if (existing.request_hash !== hash) {
      throw new ContractsException(ContractsErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotency key was used for a different payment', {
        field: 'idempotencyKey',
      });
    }
    return mapPayment(existing);
  }

  private async insert(
    em: EntityManager,
    actor: Principal,
    p: {
      contractId: string;
      period: string;
      kind: PaymentKind;
      amount: bigint;
      paidOn: string;
      reference: string;
      idempotencyKey: string;
      hash: string;
      reverses: string | null;
      reason: string | null;
    },
  ): Promise<PaymentView> {
    const row = await queryOne<PaymentRow>(
      em,
      `INSERT INTO payment (contract_id, period, kind, amount_pence, paid_on, reference, idempotency_key, request_hash, recorded_by,
         reverses_payment_id, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [
        p.contractId,
        p.period,
        p.kind,
        p.amount.toString(),
        p.paidOn,
        p.reference,
        p.idempotencyKey.toLowerCase(),
        p.hash,
        actor.sub,
        p.reverses,
        p.reason,
      ],
    );
    const payment = mapPayment(row!);
    await this.audit.record(em, actor, {
      action: p.reverses ? 'payment.reversed' : 'payment.recorded',
      entityType: 'Payment',
      entityId: payment.id,
      after: { ...payment, amount: payment.amount.amount },
    });
    return payment;
  }
}

function requestHash(value: object): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** The ledger is listed whole on the contract: bounded so the list (and its cost) is (see LIST_BOUNDS). */
function assertLedgerRoom(entries: number): void {
  if (entries >= MAX_PAYMENT_LEDGER_ENTRIES) {
    throw new ContractsException(ContractsErrorCode.INVALID_STATE, `A contract's payment ledger holds at most ${MAX_PAYMENT_LEDGER_ENTRIES} entries`);
  }
}
