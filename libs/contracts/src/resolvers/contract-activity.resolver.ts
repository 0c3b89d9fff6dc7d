import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { ReasonLengthPipe, UuidPipe } from '@mkt/common';
import { Access, CurrentPrincipal, type Principal, Role } from '@mkt/auth';
import {
  DeclareSubcontractorInput,
  RecordPaymentInput,
  ReportContributionInput,
  ReportFundingPassedDownInput,
  ReversePaymentInput,
  SubmitPerformanceReportInput,
} from '../dtos/contract.inputs';
import { PaymentView, PerformanceReportView, SubcontractorView } from '../dtos/contract.types';
import { PaymentsService } from '../services/payments.service';
import { PerformanceReportsService } from '../services/performance-reports.service';
import { SupplyChainService } from '../services/supply-chain.service';

const ReasonPipe = new ReasonLengthPipe();
const IdArg = () => Args('id', { type: () => ID }, new UuidPipe('id'));

/** What happens during a contract: reports, payments and the supply chain. Thin: services own the rules. */
@Resolver()
export class ContractActivityResolver {
  constructor(
    private readonly reports: PerformanceReportsService,
    private readonly payments: PaymentsService,
    private readonly supplyChain: SupplyChainService,
  ) {}

  @Mutation(() => PerformanceReportView, { description: "The provider's actuals for one reporting period." })
  @Access(Role.PROVIDER)
  submitPerformanceReport(@CurrentPrincipal() actor: Principal, @Args('input') input: SubmitPerformanceReportInput) {
    return this.reports.submit(actor, input);
  }

  @Mutation(() => PerformanceReportView, { description: 'Approves and computes the outcome payment earned for the period.' })
  @Access(Role.COMMISSIONER)
  approvePerformanceReport(@CurrentPrincipal() actor: Principal, @IdArg() id: string) {
    return this.reports.approve(actor, id);
  }

  @Mutation(() => PerformanceReportView, { description: 'Sends the report back for correction and resubmission.' })
  @Access(Role.COMMISSIONER)
  returnPerformanceReport(@CurrentPrincipal() actor: Principal, @IdArg() id: string, @Args('reason', ReasonPipe) reason: string) {
    return this.reports.returnReport(actor, id, reason);
  }

  @Mutation(() => PaymentView, { description: 'Appends a payment to the ledger; never more than is due; idempotent.' })
  @Access(Role.COMMISSIONER)
  recordPayment(@CurrentPrincipal() actor: Principal, @Args('input') input: RecordPaymentInput) {
    return this.payments.record(actor, input);
  }

  @Mutation(() => PaymentView, { description: 'Corrects a payment with a reversing entry (the original stays).' })
  @Access(Role.COMMISSIONER)
  reversePayment(@CurrentPrincipal() actor: Principal, @Args('input') input: ReversePaymentInput) {
    return this.payments.reverse(actor, input);
  }

  @Mutation(() => SubcontractorView, { description: 'The prime provider declares a tier 2 or tier 3 subcontractor.' })
  @Access(Role.PROVIDER)
  declareSubcontractor(@CurrentPrincipal() actor: Principal, @Args('input') input: DeclareSubcontractorInput) {
    return this.supplyChain.declare(actor, input);
  }

  @Mutation(() => SubcontractorView, { description: 'Money passed down to a subcontractor in a quarter; never more than the prime was paid.' })
  @Access(Role.PROVIDER)
  reportFundingPassedDown(@CurrentPrincipal() actor: Principal, @Args('input') input: ReportFundingPassedDownInput) {
    return this.supplyChain.reportFunding(actor, input);
  }

  @Mutation(() => SubcontractorView, { description: "A subcontractor's contribution to each outcome measure in a quarter." })
  @Access(Role.PROVIDER)
  reportSubcontractorContribution(@CurrentPrincipal() actor: Principal, @Args('input') input: ReportContributionInput) {
    return this.supplyChain.reportContribution(actor, input);
  }
}
