import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@mkt/audit';
import { commissionerRegions, hasRole, type Principal, Role, scopeCondition } from '@mkt/auth';
import { Clock, ConnectionShape, formatPence, formatPounds, onDomainError, parsePence, RequestLoaders } from '@mkt/common';
import { ContractsErrorCode, ContractsService, PaymentKind, PaymentsService } from '@mkt/contracts';
import { SqlFilter, TransactionRunner } from '@mkt/database';
import { OrganisationsService } from '@mkt/organisations';
import { DisputeInvoiceInput, InvoicesFilter, PayInvoiceInput, SubmitInvoiceInput } from '../dtos/invoice.inputs';
import { InvoiceView } from '../dtos/invoice.types';
import { InvoiceKind, InvoiceStatus } from '../invoices.enums';
import { InvoicesErrorCode, InvoicesException } from '../invoices.exception';
import { InvoiceRepository, InvoiceRow, toInvoiceView } from '../repositories/invoice.repository';
import { paymentDeadline } from '../rules/payment-compliance';
import { assertTransition, sameSubmission } from '../rules/invoice-rules';

type ContractState = Awaited<ReturnType<ContractsService['lockFor']>>;

/**
 * Invoices: a provider asks to be paid for a period (fixed instalment in arrears, or outcome
 * payment once earned); a commissioner of the region approves or disputes it; a payment settles an
 * approved invoice in the same transaction as the ledger entry. The 30-day term runs from receipt.
 */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly repository: InvoiceRepository,
    private readonly contracts: ContractsService,
    private readonly payments: PaymentsService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  submit(actor: Principal, input: SubmitInvoiceInput): Promise<InvoiceView> {
    const net = parsePence(input.amount);
    const vat = parsePence(input.vatAmount ?? '0.00');
    const today = this.clock.today();
    if (vat * 5n > net) throw InvoicesException.badInput('vatAmount', `VAT of ${formatPounds(vat)} is more than 20% of the net ${formatPounds(net)}`);
    if (input.issuedOn > today) throw InvoicesException.badInput('issuedOn', 'must not be in the future');
    if (input.dueOn && input.dueOn < input.issuedOn) throw InvoicesException.badInput('dueOn', 'must not be before issuedOn');
    return this.db.run(async (em) => {
      const state = await this.contracts.lockFor(em, actor, input.contractId, 'provider').catch(
        onDomainError(ContractsErrorCode.NOT_FOUND, () => {
          throw InvoicesException.notFound();
        }),
      );
      const existing = await this.repository.byNumber(em, state.contract.providerId, input.invoiceNumber);
      if (existing) return this.replay(existing, input, net, vat);
      await this.assertDue(em, state, input, net);
      const row = await this.repository.insert(em, {
        contractId: state.contract.id,
        providerId: state.contract.providerId,
        regionCode: state.contract.regionCode,
        period: input.period,
        kind: input.kind,
        invoiceNumber: input.invoiceNumber,
        issuedOn: input.issuedOn,
        receivedOn: today,
        dueOn: paymentDeadline({ receivedOn: today, dueOn: input.dueOn }),
        netPence: net,
        vatPence: vat,
        submittedBy: actor.sub,
        submittedAt: this.clock.now(),
      });
      await this.audit.record(em, actor, { action: 'invoice.submitted', entityType: 'invoice', entityId: row.id, after: row });
      return toInvoiceView(row);
    });
  }

  approve(actor: Principal, id: string): Promise<InvoiceView> {
    return this.review(actor, id, InvoiceStatus.APPROVED, null);
  }

  dispute(actor: Principal, input: DisputeInvoiceInput): Promise<InvoiceView> {
    return this.review(actor, input.invoiceId, InvoiceStatus.DISPUTED, input.reason);
  }

  pay(actor: Principal, input: PayInvoiceInput): Promise<InvoiceView> {
    return this.db.run(async (em) => {
      const invoice = await this.lockForCommissioner(em, actor, input.invoiceId);
      if (invoice.status === InvoiceStatus.PAID) {
        // A retry of the same payment returns the settled invoice; the ledger's key check refuses any other.
        await this.settle(em, actor, invoice, input);
        return toInvoiceView(invoice);
      }
      assertTransition(invoice.status, InvoiceStatus.PAID);
      if (invoice.reviewed_by === actor.sub)
        throw new InvoicesException(InvoicesErrorCode.SEPARATION_OF_DUTIES, 'You approved this invoice; another commissioner must pay it');
      if (input.paidOn < invoice.received_on)
        throw InvoicesException.badInput('paidOn', `must not be before the invoice was received (${invoice.received_on})`);
      const payment = await this.settle(em, actor, invoice, input);
      const row = await this.repository.update(em, invoice.id, { status: InvoiceStatus.PAID, paymentId: payment.id, paidOn: input.paidOn });
      await this.audit.record(em, actor, { action: 'invoice.paid', entityType: 'invoice', entityId: row.id, before: invoice, after: row });
      return toInvoiceView(row);
    });
  }

  async list(
    viewer: Principal,
    loaders: RequestLoaders,
    filter: InvoicesFilter,
    page: { first: number; after?: string | null; withTotal: boolean },
  ): Promise<ConnectionShape<InvoiceView>> {
    const f = await this.visible(viewer, loaders);
    f.addIf(filter.contractId, 'i.contract_id = ?::uuid').addIf(filter.statuses, 'i.status = ANY(?)');
    return this.repository.page(this.db.reader, f, page);
  }

  async get(viewer: Principal, loaders: RequestLoaders, id: string): Promise<InvoiceView> {
    const f = await this.visible(viewer, loaders);
    f.add('i.id = ?::uuid', id);
    const page = await this.repository.page(this.db.reader, f, { first: 1, withTotal: false });
    if (!page.edges.length) throw InvoicesException.notFound();
    return page.edges[0].node;
  }

  /** Commissioners see their regions' invoices, providers their own; directorate, auditors and admins all. */
  async visible(viewer: Principal, loaders: RequestLoaders): Promise<SqlFilter> {
    const f = new SqlFilter();
    const condition = scopeCondition(await this.organisations.scopeOf(viewer, loaders), f, { region: 'i.region_code', provider: 'i.provider_id' });
    if (condition) f.where.push(condition);
    return f;
  }

  private async review(actor: Principal, id: string, status: InvoiceStatus, reason: string | null): Promise<InvoiceView> {
    return this.db.run(async (em) => {
      const invoice = await this.lockForCommissioner(em, actor, id);
      assertTransition(invoice.status, status);
      const row = await this.repository.update(em, invoice.id, {
        status,
        reviewedBy: actor.sub,
        reviewedAt: this.clock.now(),
        disputeReason: reason,
      });
      await this.audit.record(em, actor, {
        action: `invoice.${status.toLowerCase()}`,
        entityType: 'invoice',
        entityId: row.id,
        before: invoice,
        after: row,
      });
      return toInvoiceView(row);
    });
  }

  private async lockForCommissioner(em: EntityManager, actor: Principal, id: string): Promise<InvoiceRow> {
    const f = new SqlFilter().add('i.region_code = ANY(?)', hasRole(actor, Role.COMMISSIONER) ? (commissionerRegions(actor) ?? []) : []);
    const invoice = await this.repository.lock(em, id, f);
    if (!invoice) throw InvoicesException.notFound();
    return invoice;
  }

  private settle(em: EntityManager, actor: Principal, invoice: InvoiceRow, input: PayInvoiceInput) {
    return this.payments.recordIn(em, actor, {
      contractId: invoice.contract_id,
      period: invoice.period,
      kind: invoice.kind === InvoiceKind.FIXED ? PaymentKind.FIXED : PaymentKind.OUTCOME,
      amount: formatPence(BigInt(invoice.net_pence)),
      paidOn: input.paidOn,
      reference: input.reference,
      idempotencyKey: input.idempotencyKey,
    });
  }

  private replay(existing: InvoiceRow, input: SubmitInvoiceInput, net: bigint, vat: bigint): InvoiceView {
    if (!sameSubmission(existing, input, net, vat))
      throw new InvoicesException(InvoicesErrorCode.INVOICE_NUMBER_TAKEN, `Invoice ${input.invoiceNumber} was submitted before with other details`, {
        field: 'invoiceNumber',
        invoiceId: existing.id,
      });
    return toInvoiceView(existing);
  }

  /** Instalments are invoiced in arrears, outcome payments once earned, never beyond what is due. */
  private async assertDue(em: EntityManager, state: ContractState, input: SubmitInvoiceInput, net: bigint): Promise<void> {
    const period = state.schedule.find((p) => p.period === input.period);
    if (!period) throw InvoicesException.badInput('period', 'not a reporting period of this contract');
    this.contracts.assertPeriodBeforeStop(state, period, 'payment');
    const fixed = input.kind === InvoiceKind.FIXED;
    if (fixed && input.issuedOn < period.endDate)
      throw new InvoicesException(
        InvoicesErrorCode.INVOICE_NOT_DUE,
        `The fixed instalment for ${period.period} is paid in arrears: invoice it from ${period.endDate}`,
      );
    const earned = fixed ? period.fixedDue : period.outcomeEarned;
    const paid = fixed ? period.fixedPaid : period.outcomePaid;
    if (!fixed && earned === 0n)
      throw new InvoicesException(
        InvoicesErrorCode.INVOICE_NOT_DUE,
        `No outcome payment is earned for ${period.period} yet (no approved performance report, or nothing earned)`,
      );
    const open = await this.repository.openNet(em, state.contract.id, input.period, input.kind);
    const left = earned - paid - open;
    if (net > left)
      throw new InvoicesException(
        InvoicesErrorCode.INVOICE_EXCEEDS_DUE,
        `${formatPounds(earned)} is due for ${period.period} (${input.kind}); ${formatPounds(paid)} is paid and ${formatPounds(open)} invoiced: at most ${formatPounds(left < 0n ? 0n : left)} more can be invoiced`,
        { due: formatPence(earned), paid: formatPence(paid), invoiced: formatPence(open) },
      );
  }
}
