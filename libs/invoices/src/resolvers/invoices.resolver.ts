import { Args, ID, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Access, Authenticated, CurrentPrincipal, Loaders, type Principal, Role } from '@mkt/auth';
import { ConnectionArgs, isFieldRequested, type RequestLoaders, UuidPipe } from '@mkt/common';
import { DisputeInvoiceInput, InvoicesFilter, PayInvoiceInput, PaymentComplianceFilter, SubmitInvoiceInput } from '../dtos/invoice.inputs';
import { InvoiceConnection, InvoiceView, PaymentCompliancePeriodView } from '../dtos/invoice.types';
import { InvoicesService } from '../services/invoices.service';
import { PaymentComplianceService } from '../services/payment-compliance.service';

const IdArg = () => Args('id', { type: () => ID }, new UuidPipe('id'));

@Resolver(() => InvoiceView)
export class InvoicesResolver {
  constructor(
    private readonly service: InvoicesService,
    private readonly compliance: PaymentComplianceService,
  ) {}

  @Mutation(() => InvoiceView, {
    description:
      'A provider invoices a period of its contract: a fixed instalment once the period has ended, an outcome payment once earned. Retrying with the same invoice number and details returns the same invoice.',
  })
  @Access(Role.PROVIDER)
  submitInvoice(@CurrentPrincipal() actor: Principal, @Args('input') input: SubmitInvoiceInput): Promise<InvoiceView> {
    return this.service.submit(actor, input);
  }

  @Mutation(() => InvoiceView, { description: 'A commissioner of the region confirms the invoice is valid and undisputed.' })
  @Access(Role.COMMISSIONER)
  approveInvoice(@CurrentPrincipal() actor: Principal, @IdArg() id: string): Promise<InvoiceView> {
    return this.service.approve(actor, id);
  }

  @Mutation(() => InvoiceView, {
    description: 'A commissioner of the region disputes the invoice, with the reason; the provider may submit a corrected one.',
  })
  @Access(Role.COMMISSIONER)
  disputeInvoice(@CurrentPrincipal() actor: Principal, @Args('input') input: DisputeInvoiceInput): Promise<InvoiceView> {
    return this.service.dispute(actor, input);
  }

  @Mutation(() => InvoiceView, {
    description: 'Pays an approved invoice: one ledger payment of its net amount, recorded by a commissioner other than its approver.',
  })
  @Access(Role.COMMISSIONER)
  payInvoice(@CurrentPrincipal() actor: Principal, @Args('input') input: PayInvoiceInput): Promise<InvoiceView> {
    return this.service.pay(actor, input);
  }

  @Query(() => InvoiceConnection, {
    description: 'Providers see their own invoices, commissioners their regions’, directorate, auditors and admins all.',
  })
  @Authenticated()
  invoices(
    @CurrentPrincipal() viewer: Principal,
    @Info() info: GraphQLResolveInfo,
    @Loaders() loaders: RequestLoaders,
    @Args() page: ConnectionArgs,
    @Args('filter', { nullable: true }) filter?: InvoicesFilter,
  ): Promise<InvoiceConnection> {
    return this.service.list(viewer, loaders, filter ?? {}, {
      first: page.first,
      after: page.after,
      withTotal: isFieldRequested(info, 'totalCount'),
    });
  }

  @Query(() => InvoiceView)
  @Authenticated()
  invoice(@CurrentPrincipal() viewer: Principal, @Loaders() loaders: RequestLoaders, @IdArg() id: string): Promise<InvoiceView> {
    return this.service.get(viewer, loaders, id);
  }

  @Query(() => [PaymentCompliancePeriodView], {
    description:
      'Prompt payment per six-month reporting period (the payments compliance notice): days to pay and shares paid within 30, 31-60 and over 60 days.',
  })
  @Access(Role.ADMIN, Role.DIRECTORATE, Role.AUDITOR, Role.COMMISSIONER)
  paymentCompliance(
    @CurrentPrincipal() viewer: Principal,
    @Loaders() loaders: RequestLoaders,
    @Args('filter', { nullable: true }) filter?: PaymentComplianceFilter,
  ): Promise<PaymentCompliancePeriodView[]> {
    return this.compliance.periods(viewer, loaders, filter ?? {});
  }
}
