import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money } from '@mkt/common';
import { IncomeBand, OrganisationType } from '@mkt/organisations';
import { ServiceCategory } from '@mkt/reference';
import { SpendGroupKey } from './spend.inputs';

/** Adds the group keys to a figures type; a key the query did not group by is null. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript requires a mixin base constructor to take `...args: any[]` (TS2545)
function WithGroupKeys<T extends abstract new (...args: any[]) => object>(Base: T) {
  @ObjectType({ isAbstract: true })
  abstract class Keyed extends Base {
    @Field(() => String, { nullable: true }) regionCode: string | null;
    @Field(() => String, { nullable: true }) pduCode: string | null;
    @Field(() => ID, { nullable: true }) providerId: string | null;
    @Field(() => String, { nullable: true, description: "The provider's current legal name." }) providerName: string | null;
    @Field(() => ServiceCategory, { nullable: true }) category: ServiceCategory | null;
    @Field(() => IncomeBand, { nullable: true, description: "The provider's income band when the contract was awarded." })
    incomeBand: IncomeBand | null;
    @Field(() => OrganisationType, { nullable: true, description: "The provider's organisation type when the contract was awarded." })
    organisationType: OrganisationType | null;
    @Field(() => String, { nullable: true }) financialYear: string | null;
    @Field(() => Int, { nullable: true, description: 'Quarter of the financial year (1 = April to June).' }) quarter: number | null;
  }
  return Keyed;
}

/** The group key fields, as the services fill them. */
export interface SpendGroupKeys {
  regionCode: string | null;
  pduCode: string | null;
  providerId: string | null;
  providerName: string | null;
  category: ServiceCategory | null;
  incomeBand: IncomeBand | null;
  organisationType: OrganisationType | null;
  financialYear: string | null;
  quarter: number | null;
}

@ObjectType('SpendTotals', { description: 'Spend figures; every money column of any grouping of one filter adds up to these.' })
export class SpendTotalsView {
  @Field(() => Money, { description: 'Value of contracts whose start date falls in the group (varied values included).' })
  committed: Money;
  @Field(() => Money, { description: 'Payments made in the group (the quarter of paid_on counts), reversals netted.' })
  paid: Money;
  @Field(() => Money, { description: 'The fixed-instalment part of paid.' }) fixedPaid: Money;
  @Field(() => Money, { description: 'The outcome-payment part of paid.' }) outcomePaid: Money;
  @Field(() => Money, { description: 'Committed in the group and not yet paid, whenever payments were made.' })
  outstanding: Money;
  @Field(() => Int, { description: 'Contracts whose commitment falls in the group (adds up like money).' }) contracts: number;
  @Field(() => Int, { description: 'Distinct providers with money committed or paid in the group (does not add up).' })
  providers: number;
}

@ObjectType('SpendRow')
export class SpendRowView extends WithGroupKeys(SpendTotalsView) {}

@ObjectType('SpendResult')
export class SpendResultView {
  @Field(() => [SpendGroupKey]) groupBy: SpendGroupKey[];
  @Field(() => [SpendRowView], { description: 'One row per group, ordered by the group keys.' }) rows: SpendRowView[];
  @Field(() => SpendTotalsView) totals: SpendTotalsView;
}

// ---- inclusion (finding 1: money reaching only large organisations) ----

@ObjectType('InclusionShare', { description: "One income band's or organisation type's part of the group's money." })
export class InclusionShareView {
  @Field(() => IncomeBand, { nullable: true }) incomeBand: IncomeBand | null;
  @Field(() => OrganisationType, { nullable: true }) organisationType: OrganisationType | null;
  @Field(() => Money) committed: Money;
  @Field(() => Money) paid: Money;
  @Field(() => Float, { nullable: true, description: 'Share of the group committed, 0 to 1 (null when nothing was committed).' })
  committedShare: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of the group paid, 0 to 1 (null when nothing was paid).' })
  paidShare: number | null;
  @Field(() => Int, { description: 'Distinct providers funded.' }) providers: number;
}

@ObjectType('SpendInclusion', { description: 'Who the money reached, for one region and financial year (or for all of the filter).' })
export class SpendInclusionView {
  @Field(() => String, { nullable: true, description: 'Null on the totals across regions.' }) regionCode: string | null;
  @Field(() => String, { nullable: true, description: 'Null on the totals across years.' }) financialYear: string | null;
  @Field(() => Money) committed: Money;
  @Field(() => Money) paid: Money;
  @Field(() => Int, { description: 'Distinct providers with money committed or paid.' }) providersFunded: number;
  @Field(() => Float, { nullable: true, description: 'Share of committed money reaching organisations with income under GBP 1m.' })
  committedShareUnder1m: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of paid money reaching organisations with income under GBP 1m.' })
  paidShareUnder1m: number | null;
  @Field(() => Int, { description: 'Distinct providers with income under GBP 1m funded.' }) providersFundedUnder1m: number;
  @Field(() => [InclusionShareView]) byIncomeBand: InclusionShareView[];
  @Field(() => [InclusionShareView]) byOrganisationType: InclusionShareView[];
}

@ObjectType('SpendInclusionReport')
export class SpendInclusionReportView {
  @Field(() => [SpendInclusionView], { description: 'Per region and financial year.' }) rows: SpendInclusionView[];
  @Field(() => SpendInclusionView, { description: 'All regions and years of the filter together.' }) totals: SpendInclusionView;
}

// ---- sustainability (finding 2: services priced below their cost) ----

@ObjectType('SustainabilityTotals')
export class SustainabilityTotalsView {
  @Field(() => Int, { description: 'Contracts whose commitment falls in the group.' }) contracts: number;
  @Field(() => Int, { description: "Of those, priced below the provider's declared full cost." }) contractsBelowCost: number;
  @Field(() => Money, { description: 'Their committed value.' }) committed: Money;
  @Field(() => Money, {
    description:
      "What the units bought cost at the declared full cost per unit; after a variation, the varied value's units at the order's unit price.",
  })
  declaredFullCost: Money;
  @Field(() => Money, {
    description: 'The part of the full cost the price does not cover: what providers subsidise (full cost - committed, per contract below cost).',
  })
  gap: Money;
  @Field(() => Float, { nullable: true, description: 'Share of the declared full cost the prices cover, 0 to 1.' })
  fullCostCovered: number | null;
}

@ObjectType('SustainabilityRow')
export class SustainabilityRowView extends WithGroupKeys(SustainabilityTotalsView) {}

@ObjectType('SustainabilityGap')
export class SustainabilityGapView {
  @Field(() => [SpendGroupKey]) groupBy: SpendGroupKey[];
  @Field(() => [SustainabilityRowView]) rows: SustainabilityRowView[];
  @Field(() => SustainabilityTotalsView) totals: SustainabilityTotalsView;
}

@ObjectType('UnderpricedOffer', { description: "A published offer whose unit price is below the provider's declared full cost." })
export class UnderpricedOfferView {
  @Field(() => ID, { description: 'The offer id (one row per offer), so that clients can cache it.' }) id: string;
  @Field(() => ID) offerId: string;
  @Field(() => Int) version: number;
  @Field() title: string;
  @Field(() => ServiceCategory) category: ServiceCategory;
  @Field(() => [String]) regionCodes: string[];
  @Field(() => ID) providerId: string;
  @Field() providerName: string;
  @Field() pricingUnit: string;
  @Field(() => Money) unitPrice: Money;
  @Field(() => Money) declaredFullCostPerUnit: Money;
  @Field(() => Money) gapPerUnit: Money;
}

@ObjectType()
export class UnderpricedOfferConnection extends Connection(UnderpricedOfferView, 'UnderpricedOffer') {}

// ---- outcomes (finding 6: volume instead of outcomes) ----

@ObjectType('CostPerOutcome', {
  description:
    'Per outcome measure and category, from approved performance reports: what was paid for the reported periods, ' +
    "shared between the contract's measures by weight, divided by the outcomes achieved (achievement 0 to 1 per period).",
})
export class CostPerOutcomeView {
  @Field() measureCode: string;
  @Field() measureName: string;
  @Field(() => ServiceCategory) category: ServiceCategory;
  @Field(() => Int, { description: 'Contracts with an approved report on this measure.' }) contracts: number;
  @Field(() => Int, { description: 'Approved reporting periods on this measure.' }) periodsReported: number;
  @Field(() => Int, { description: 'Periods in which the target was fully met.' }) targetsMet: number;
  @Field(() => Float, { description: 'Outcomes achieved: the sum of achievements (a period half way to target counts 0.5).' })
  outcomesAchieved: number;
  @Field(() => Money, { description: "Paid for the reported periods, this measure's share by weight." }) cost: Money;
  @Field(() => Money, { nullable: true, description: 'cost / outcomesAchieved; null when nothing was achieved.' })
  costPerOutcome: Money | null;
}
