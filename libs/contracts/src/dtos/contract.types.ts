import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, GraphQLJSON, Money } from '@mkt/common';
import { OutcomeDirection, ServiceCategory } from '@mkt/reference';
import { ContractStatus, OutcomeAchievementBand, PaymentKind, PerformanceRatingValue, ReportStatus } from '../contracts.enums';
import { type FrozenPeriod } from '../rules/contract-terms';
import { type Suspension } from '../rules/suspension';

@ObjectType('ContractOutcomeMeasure', { description: 'An outcome term of the contract; weights sum to 100.' })
export class ContractOutcomeMeasureView {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field() unit: string;
  @Field(() => OutcomeDirection) direction: OutcomeDirection;
  @Field(() => Float) baseline: number;
  @Field(() => Float, { description: 'Target per reporting period.' }) target: number;
  @Field(() => Int) weight: number;
  /** Exact decimal text as stored (numeric), for the payment rule. */
  baselineText: string;
  targetText: string;
}

@ObjectType('SchedulePeriod', { description: 'One reporting period: what is due, earned and paid.' })
export class SchedulePeriodView {
  @Field({ description: '"2026-27-Q1" (quarterly) or "2026-04" (monthly).' }) period: string;
  @Field() startDate: string;
  @Field() endDate: string;
  @Field({ description: "The period's last day: its fixed instalment is paid from then (in arrears) unless the contract has an advance schedule." })
  dueOn: string;
  @Field(() => Money, { description: 'The fixed instalment, due on dueOn (from startDate with an advance schedule).' }) fixedDue: Money;
  @Field(() => Money, { description: "The period's share of the outcome part: the most it can earn." }) outcomeAvailable: Money;
  @Field(() => Money, { description: 'Earned by the approved performance report (zero until then).' }) outcomeEarned: Money;
  @Field(() => Money) fixedPaid: Money;
  @Field(() => Money) outcomePaid: Money;
  @Field(() => Money) paid: Money;
  @Field(() => ReportStatus, { nullable: true }) reportStatus: ReportStatus | null;
}

@ObjectType('ContractVersion')
export class ContractVersionView {
  @Field(() => ID, { description: '"<contractId>:<version>", so that clients can cache each version.' }) id: string;
  @Field(() => Int) version: number;
  @Field() changedAt: Date;
  @Field() changedBy: string;
  @Field() reason: string;
  @Field(() => GraphQLJSON, { description: 'The terms as they stood in this version.' }) terms: unknown;
}

@ObjectType('OutcomeAchievementForYear', { description: 'Outcome achievement band of approved reports (docs/contracts.md has the rule).' })
export class OutcomeAchievementView {
  @Field({ description: 'A financial year, or "contract" for the whole contract so far.' }) financialYear: string;
  @Field(() => OutcomeAchievementBand) band: OutcomeAchievementBand;
  @Field(() => Float, { description: 'Average weighted achievement of approved reports, 0 to 1.' }) score: number;
  @Field(() => Int) periodsApproved: number;
}

@ObjectType('PerformanceRatingForYear', { description: 'Deprecated with Contract.ratings: read Contract.outcomeAchievement.' })
export class PerformanceRatingView {
  @Field({ description: 'A financial year, or "contract" for the whole contract so far.' }) financialYear: string;
  @Field(() => PerformanceRatingValue) rating: PerformanceRatingValue;
  @Field(() => Float, { description: 'Average weighted achievement of approved reports, 0 to 1.' }) score: number;
  @Field(() => Int) periodsApproved: number;
}

@ObjectType('Contract', { description: 'An accepted order, with outcome-focused terms.' })
export class ContractView {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Increases with every variation (optimistic locking).' }) version: number;
  @Field(() => ContractStatus) status: ContractStatus;
  @Field() regionCode: string;
  @Field() pduCode: string;
  @Field(() => ServiceCategory) category: ServiceCategory;
  @Field() financialYear: string;
  @Field() startDate: string;
  @Field() endDate: string;
  @Field() reportingPeriod: string;
  @Field(() => Int) outcomeSharePercent: number;
  @Field({
    description: 'Fixed instalments are paid from the first day of their period (an agreed advance schedule), not in arrears from its last day.',
  })
  advancePayment: boolean;
  @Field(() => Money) value: Money;
  @Field(() => Money, { description: 'Paid in instalments per reporting period, pro rata to the days each covers.' }) fixedPart: Money;
  @Field(() => Money, { description: 'Earned by results, period by period.' }) outcomePart: Money;
  @Field(() => Int, { description: 'The offer version the order pinned.' }) offerVersion: number;
  @Field() createdAt: Date;
  offerId: string;
  providerId: string;
  orderId: string;
  budgetId: string;
  valuePence: bigint;
  fixedPartPence: bigint;
  outcomePartPence: bigint;
  /** Periods whose amounts an agreed no-cost extension kept (rules/contract-terms). */
  frozenPeriods: FrozenPeriod[];
  /** Ended suspensions: their days earn no instalments (rules/suspension). */
  suspensions: Suspension[];
}

@ObjectType()
export class ContractConnection extends Connection(ContractView, 'Contract') {}

@ObjectType('ActualValue')
export class ActualView {
  @Field(() => ID) measureId: string;
  @Field(() => Float) value: number;
  @Field(() => Float, { nullable: true, description: 'Achievement 0 to 1, once approved.' }) achievement: number | null;
}

@ObjectType('PerformanceReport')
export class PerformanceReportView {
  @Field(() => ID) id: string;
  @Field(() => ID) contractId: string;
  @Field() period: string;
  @Field(() => ReportStatus) status: ReportStatus;
  @Field(() => [ActualView]) actuals: ActualView[];
  @Field() narrative: string;
  @Field() submittedBy: string;
  @Field() submittedAt: Date;
  @Field(() => Int) submissions: number;
  @Field(() => String, { nullable: true }) reviewedBy: string | null;
  @Field(() => Date, { nullable: true }) reviewedAt: Date | null;
  @Field(() => String, { nullable: true }) returnReason: string | null;
  @Field(() => Float, { nullable: true, description: 'Weighted achievement 0 to 1 (approved reports).' }) score: number | null;
  @Field(() => Money, { nullable: true, description: 'Outcome payment earned for the period (approved reports).' })
  outcomeEarned: Money | null;
}

@ObjectType('Payment', { description: 'A ledger entry; reversals are negative entries that point at the original.' })
export class PaymentView {
  @Field(() => ID) id: string;
  @Field(() => ID) contractId: string;
  @Field() period: string;
  @Field(() => PaymentKind) kind: PaymentKind;
  @Field(() => Money) amount: Money;
  @Field() paidOn: string;
  @Field() reference: string;
  @Field() recordedBy: string;
  @Field() recordedAt: Date;
  @Field(() => ID, { nullable: true }) reversesPaymentId: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
}

@ObjectType('FundingPassedDown')
export class FundingPassedDownView {
  @Field() financialYear: string;
  @Field(() => Int) quarter: number;
  @Field(() => Money) amount: Money;
}

@ObjectType('SubcontractorContribution')
export class ContributionView {
  @Field(() => ID) measureId: string;
  @Field() financialYear: string;
  @Field(() => Int) quarter: number;
  @Field(() => Float) value: number;
}

@ObjectType('Subcontractor', { description: 'A tier 2 or 3 organisation that delivers part of the contract.' })
export class SubcontractorView {
  @Field(() => ID) id: string;
  @Field(() => ID) contractId: string;
  @Field(() => Int) tier: number;
  @Field(() => ID, { nullable: true, description: 'The tier 2 subcontractor a tier 3 sits under.' }) parentId: string | null;
  @Field() identifier: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) charityNumber: string | null;
  @Field(() => String, { nullable: true }) companyNumber: string | null;
  @Field() serviceSummary: string;
  @Field(() => [FundingPassedDownView]) fundingPassedDown: FundingPassedDownView[];
  @Field(() => Money) totalFundingPassedDown: Money;
  @Field(() => [ContributionView]) contributions: ContributionView[];
}
