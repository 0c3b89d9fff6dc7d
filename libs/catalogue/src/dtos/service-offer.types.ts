import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money } from '@mkt/common';
import { OutcomeDirection, ServiceCategory } from '@mkt/reference';
import { DeliveryMode, OfferStatus, PricingUnit, RiskLevel, Sex, Specialism } from '../catalogue.enums';

@ObjectType('Eligibility')
export class EligibilityView {
  @Field(() => Int, { nullable: true }) minAge: number | null;
  @Field(() => Int, { nullable: true }) maxAge: number | null;
  @Field(() => [Sex]) sexes: Sex[];
  @Field(() => [RiskLevel]) riskLevels: RiskLevel[];
}

@ObjectType('OutcomeCommitment', { description: 'An outcome the offer commits to, with the expected rate.' })
export class OutcomeCommitmentView {
  @Field() measureCode: string;
  @Field() measureName: string;
  @Field() unit: string;
  @Field(() => OutcomeDirection) direction: OutcomeDirection;
  @Field(() => Float, { description: 'Expected share of referrals achieving it, 0 to 1.' }) expectedRate: number;
}

/** The content that every version of an offer carries. */
@ObjectType({ isAbstract: true })
export abstract class ServiceOfferContent {
  @Field(() => Int) version: number;
  @Field() title: string;
  @Field() summary: string;
  @Field(() => ServiceCategory) category: ServiceCategory;
  @Field(() => [String]) regionCodes: string[];
  @Field(() => [String]) pduCodes: string[];
  @Field(() => [DeliveryMode]) deliveryModes: DeliveryMode[];
  @Field(() => EligibilityView) eligibility: EligibilityView;
  @Field(() => [Specialism]) specialisms: Specialism[];
  @Field(() => Int) capacityPerMonth: number;
  @Field(() => PricingUnit) pricingUnit: PricingUnit;
  @Field(() => Money) unitPrice: Money;
  @Field(() => Money) declaredFullCostPerUnit: Money;
  @Field(() => Money, { description: 'Declared full cost minus unit price when positive: the subsidy the provider carries per unit.' })
  fundingGapPerUnit: Money;
  @Field(() => [OutcomeCommitmentView]) outcomeCommitments: OutcomeCommitmentView[];
  /** Not in the schema: resolvers use it to load the provider. */
  providerId: string;
}

@ObjectType('ServiceOfferVersion', { description: 'One kept version of an offer; orders pin one.' })
export class ServiceOfferVersionView extends ServiceOfferContent {
  @Field(() => ID, { description: '"<offerId>:<version>": one version of one offer, so that clients can cache it.' }) id: string;
  @Field(() => ID) offerId: string;
  @Field() createdAt: Date;
}

@ObjectType('ServiceOffer', { description: "A provider's published (or draft) service, in its current version." })
export class ServiceOfferView extends ServiceOfferContent {
  @Field(() => ID) id: string;
  @Field(() => OfferStatus) status: OfferStatus;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field(() => Date, { nullable: true }) withdrawnAt: Date | null;
}

@ObjectType()
export class ServiceOfferConnection extends Connection(ServiceOfferView, 'ServiceOffer') {}
