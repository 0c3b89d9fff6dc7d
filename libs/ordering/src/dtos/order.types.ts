import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money } from '@mkt/common';
import { OutcomeDirection, ServiceCategory } from '@mkt/reference';
import { AwardRationale, OrderStatus, OutcomeTargetKind, ReportingPeriod } from '../ordering.enums';
import { ApprovalLevel, AwardFlag } from '../award.enums';

@ObjectType('OutcomeTarget', { description: 'An outcome term that travels with the order into its contract.' })
export class OutcomeTargetView {
  @Field() measureCode: string;
  @Field() measureName: string;
  @Field() unit: string;
  @Field(() => OutcomeDirection) direction: OutcomeDirection;
  @Field(() => Float) baseline: number;
  @Field(() => Float, { description: 'Target per reporting period.' }) target: number;
  @Field(() => OutcomeTargetKind, { description: 'Orders placed before kinds existed read as IMPROVE.' }) kind: OutcomeTargetKind;
  @Field(() => Int) weight: number;
}

@ObjectType('Order', { description: 'A direct order with a provider, within a budget.' })
export class OrderView {
  @Field(() => ID) id: string;
  @Field(() => OrderStatus) status: OrderStatus;
  @Field() regionCode: string;
  @Field() pduCode: string;
  @Field(() => ServiceCategory) category: ServiceCategory;
  @Field() financialYear: string;
  @Field(() => Int) quantity: number;
  @Field(() => Money) unitPrice: Money;
  @Field(() => Money) total: Money;
  @Field() startDate: string;
  @Field() endDate: string;
  @Field(() => [OutcomeTargetView]) outcomeTargets: OutcomeTargetView[];
  @Field(() => Int) outcomeSharePercent: number;
  @Field({ description: 'Fixed instalments are paid from the first day of their period (an agreed advance schedule), not in arrears.' })
  advancePayment: boolean;
  @Field(() => ReportingPeriod) reportingPeriod: ReportingPeriod;
  @Field(() => AwardRationale) awardRationale: AwardRationale;
  @Field() conflictOfInterestDeclared: boolean;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field({ description: 'sub of the commissioner who placed it.' }) placedBy: string;
  @Field() placedAt: Date;
  @Field(() => String, { nullable: true }) approvedBy: string | null;
  @Field(() => Date, { nullable: true }) approvedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it went to the provider.' }) sentAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Unanswered by then, it expires.' }) responseDueAt: Date | null;
  @Field(() => String, { nullable: true }) answeredBy: string | null;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Reason given on reject, decline or withdraw.' }) reason: string | null;
  @Field(() => Int, { description: 'The offer version this order pinned.' }) offerVersion: number;
  @Field(() => String, { nullable: true, description: 'Why a Schedule 5 ground applies (Procurement Act 2023).' })
  awardJustification: string | null;
  @Field(() => String, { nullable: true, description: 'The framework a FRAMEWORK_CALL_OFF is made under.' })
  frameworkReference: string | null;
  @Field(() => ApprovalLevel, { description: 'The approval the scheme of delegation asked for at placing.' })
  approvalLevel: ApprovalLevel;
  @Field(() => Money, {
    nullable: true,
    description: "The provider's running total for the category, region and financial year, this order included, at placing.",
  })
  runningTotal: Money | null;
  @Field(() => [AwardFlag], { description: 'What the running total crossed at placing.' }) awardFlags: AwardFlag[];
  @Field(() => Date, { nullable: true, description: 'Not approved by then (APPROVAL_DAYS working days), it expires.' })
  approvalDueAt: Date | null;
  offerId: string;
  providerId: string;
  budgetId: string;
  totalPence: bigint;
}

@ObjectType()
export class OrderConnection extends Connection(OrderView, 'Order') {}
