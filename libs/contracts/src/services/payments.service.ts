import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, formatPence, formatPounds, MAX_PAYMENT_LEDGER_ENTRIES, onDomainError, parsePence } from '@mkt/common';
import { type Principal } from '@mkt/auth';
import { AuditService } from '@mkt/audit';
import { TransactionRunner } from '@mkt/database';
import { PaymentKind, ReportStatus } from '../contracts.enums';
import { fixedPayableFrom, fixedPaymentRefusal } from '../rules/arrears';
import { PAYMENT_RUN_OFF_MONTHS, paymentWindow } from '../rules/contract-dates';
import { ContractsErrorCode, ContractsException } from '../contracts.exception';
import { RecordPaymentInput, ReversePaymentInput } from '../dtos/contract.inputs';
import { ContractView, PaymentView } from '../dtos/contract.types';
import { mapPayment } from '../repositories/contract.rows';
import { NewPayment, PaymentRepository } from '../repositories/payment.repository';
import { ScheduleLine } from '../rules/schedule';
import { ContractBudgetPhasingService } from './contract-budget-phasing.service';
import { ContractsService, ContractState } from './contracts.service';
import { ConflictOfInterestGuard } from './conflict-of-interest.guard';

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
    private readonly ledger: PaymentRepository,
    private readonly clock: Clock,
    private readonly phasing: ContractBudgetPhasingService,
    private readonly conflicts: ConflictOfInterestGuard,
  ) {}

  record(actor: Principal, input: RecordPaymentInput): Promise<PaymentView> {
    return this.db.run((em) => this.recordIn(em, actor, input));
  }

  /** Records a payment inside the caller's transaction (an invoice settled by it, in one commit). */
  async recordIn(em: EntityManager, actor: Principal, input: RecordPaymentInput): Promise<PaymentView> {
    const amount = parsePence(input.amount);
    if (input.paidOn > this.clock.today()) throw ContractsException.badInput('paidOn', 'must not be in the future');
    const hash = requestHash({ ...input, idempotencyKey: undefined, amount: formatPence(amount) });
    const state = await this.contracts.lockFor(em, actor, input.contractId, 'commissioner');
    await this.conflicts.assertNotConflicted(em, actor, state.contract.id, 'record its payments');
    const replay = this.replay(state, input.idempotencyKey, hash);
    if (replay) return replay;
    assertLedgerRoom(state.payments.length);
    const period = state.schedule.find((p) => p.period === input.period);
    if (!period) throw ContractsException.badInput('period', 'not a reporting period of this contract');
    assertWithinPaymentWindow(state, input.paidOn);
    this.contracts.assertPeriodBeforeStop(state, period, 'payment');
    const { due, alreadyPaid } = this.dueFor(actor, state, period, input.kind, input.paidOn);
    if (alreadyPaid + amount > due) {
      throw new ContractsException(
        ContractsErrorCode.OVERPAYMENT,
        `${formatPounds(alreadyPaid)} of ${formatPounds(due)} due for ${period.period} (${input.kind}) is paid; ${formatPounds(amount)} more would overpay`,
        { due: formatPence(due), paid: formatPence(alreadyPaid) },
      );
    }
    return this.append(em, actor, state.contract, {
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
  }

  /**
   * What is due for the period and kind, and what is already paid of it: a fixed instalment in
   * arrears, paid on or after the period's last day (from its first day with an advance schedule:
   * rules/arrears); an outcome payment once the period's report is approved, recorded by a
   * commissioner other than the one who approved it.
   */
  private dueFor(
    actor: Principal,
    state: ContractState,
    period: ScheduleLine,
    kind: PaymentKind,
    paidOn: string,
  ): { due: bigint; alreadyPaid: bigint } {
    if (kind === PaymentKind.FIXED) {
      const refusal = fixedPaymentRefusal(period, state.contract.advancePayment, paidOn);
      if (refusal) {
        throw new ContractsException(ContractsErrorCode.PAYMENT_NOT_DUE, refusal, {
          payableFrom: fixedPayableFrom(period, state.contract.advancePayment),
        });
      }
      return { due: period.fixedDue, alreadyPaid: period.fixedPaid };
    }
    const report = state.reports.find((r) => r.period === period.period);
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
    return { due: period.outcomeEarned, alreadyPaid: period.outcomePaid };
  }

  reverse(actor: Principal, input: ReversePaymentInput): Promise<PaymentView> {
    const hash = requestHash({ ...input, idempotencyKey: undefined });
    return this.db.run(async (em) => {
      const original = await this.ledger.findById(em, input.paymentId);
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
      return this.append(em, actor, state.contract, {
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

  private async append(em: EntityManager, actor: Principal, contract: ContractView, p: Omit<NewPayment, 'recordedBy'>): Promise<PaymentView> {
    // Keys compare case-insensitively (replay lower-cases too).
    const row = await this.ledger.append(em, { ...p, idempotencyKey: p.idempotencyKey.toLowerCase(), recordedBy: actor.sub });
    // Paid against the budget of the year the paid period falls in (a reversal takes it back).
    await this.phasing.markPaid(em, contract, p.period, p.amount);
    const payment = mapPayment(row);
    await this.audit.record(em, actor, {
      action: p.reverses ? 'payment.reversed' : 'payment.recorded',
      entityType: 'Payment',
      entityId: payment.id,
      after: { ...payment, amount: payment.amount.amount },
    });
    return payment;
  }
}

/** Paid within the contract's life plus the run-off for arrears. */
function assertWithinPaymentWindow(state: ContractState, paidOn: string): void {
  const window = paymentWindow(state.contract.startDate, state.contract.endDate);
  if (paidOn < window.from || paidOn > window.to) {
    throw ContractsException.badInput(
      'paidOn',
      `must be within the contract's life plus ${PAYMENT_RUN_OFF_MONTHS} months' run-off for arrears: ${window.from} to ${window.to}`,
    );
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
