import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDecimalNumber, IsFreeOfPersonalIdentifiers, IsIsoDate, RATE_DECIMAL_PLACES } from '@mkt/common';
import { AwardRationale, OrderStatus, OutcomeTargetKind, ReportingPeriod } from '../ordering.enums';

// Decimals counted by value (class-validator's maxDecimalPlaces let 1e-7 through as 0 decimals).
const DECIMALS = RATE_DECIMAL_PLACES;

@InputType()
export class OutcomeTargetInput {
  @Field()
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'measureCode must be a code from the outcome-measure library' })
  measureCode: string;
  @Field(() => Float, { description: "Target per reporting period, in the measure's unit." })
  @IsDecimalNumber(DECIMALS)
  @Min(-1e9)
  @Max(1e9)
  target: number;
  @Field(() => Float, {
    nullable: true,
    description:
      "The commissioner's current rate the target improves on. Omitted: from outcomeBaselines, else 0 for a higher-is-better measure (a lower-is-better one needs it).",
  })
  @IsOptional()
  @IsDecimalNumber(DECIMALS)
  @Min(-1e9)
  @Max(1e9)
  baseline?: number;
  @Field(() => OutcomeTargetKind, {
    nullable: true,
    defaultValue: OutcomeTargetKind.IMPROVE,
    description: 'IMPROVE: the target is on the better side of the baseline. MAINTAIN_AT_LEAST: the target is the baseline, held.',
  })
  @IsOptional()
  @IsEnum(OutcomeTargetKind)
  kind?: OutcomeTargetKind;
  @Field(() => Int, { nullable: true, description: 'Whole per cent; all weights sum to 100. Omitted on every target: split equally.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  weight?: number;
}

@InputType()
export class OutcomeBaselineInput {
  @Field()
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'measureCode must be a code from the outcome-measure library' })
  measureCode: string;
  @Field(() => Float, { description: "The commissioner's current rate for the measure (e.g. from the region's own data)." })
  @IsDecimalNumber(DECIMALS)
  @Min(-1e9)
  @Max(1e9)
  baseline: number;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => ID) @IsUUID() offerId: string;
  @Field({ description: 'The PDU the service is for; it fixes the region.' }) @IsString() @MaxLength(80) pduCode: string;
  @Field(() => Int, { description: 'Units of the pricing unit (referrals, sessions, place-weeks; places for a fixed block).' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;
  @Field({
    description: 'YYYY-MM-DD; fixes the financial year charged. Before today only for URGENT_NEED within RETROSPECTIVE_DAYS (then approved).',
  })
  @IsIsoDate()
  startDate: string;
  @Field({ description: 'YYYY-MM-DD, on or after startDate.' }) @IsIsoDate() endDate: string;

  @Field(() => [OutcomeTargetInput], { nullable: true, description: "Omitted: the offer's commitments at their expected rates." })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => OutcomeTargetInput)
  outcomeTargets?: OutcomeTargetInput[];

  @Field(() => [OutcomeBaselineInput], {
    nullable: true,
    description:
      "Baselines by measure, from the commissioner: used for targets that give none, and for the offer's commitments when outcomeTargets is omitted.",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => OutcomeBaselineInput)
  outcomeBaselines?: OutcomeBaselineInput[];

  @Field(() => Int, {
    nullable: true,
    description:
      "Share of the value paid on outcomes. Omitted: the default for the provider's income band (0% under GBP 100k); each band has a cap (OUTCOME_SHARE_BY_BAND).",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  outcomeSharePercent?: number;

  @Field({
    nullable: true,
    defaultValue: false,
    description:
      'An advance payment schedule: fixed instalments payable from the first day of their period instead of in arrears from its last day. Only for providers with income under GBP 1m.',
  })
  @IsOptional()
  @IsBoolean()
  advancePayment?: boolean;

  @Field(() => ReportingPeriod, { nullable: true, defaultValue: ReportingPeriod.QUARTERLY })
  @IsOptional()
  @IsEnum(ReportingPeriod)
  reportingPeriod?: ReportingPeriod;

  @Field(() => AwardRationale, { nullable: true, defaultValue: AwardRationale.LIGHT_TOUCH_DIRECT_AWARD })
  @IsOptional()
  @IsEnum(AwardRationale)
  awardRationale?: AwardRationale;

  @Field({
    nullable: true,
    description: 'Required for a Schedule 5 ground (URGENT_NEED, ONLY_SUITABLE_PROVIDER, CONTINUITY_OF_CARE): at least 30 characters.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @IsFreeOfPersonalIdentifiers()
  awardJustification?: string;

  @Field({ nullable: true, description: 'Required for FRAMEWORK_CALL_OFF: the framework (or dynamic market) reference.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  frameworkReference?: string;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'True affirms a conflict of interest (recorded and reported): the order then needs approval by someone else.',
  })
  @IsOptional()
  @IsBoolean()
  conflictOfInterestDeclared?: boolean;

  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) @IsFreeOfPersonalIdentifiers() note?: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The offer version the commissioner saw (ServiceOffer.version). Send it: if the provider has re-published or re-priced the offer since, the order is refused with OFFER_CHANGED instead of placed at the new price.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedOfferVersion?: number;

  @Field(() => ID, { description: 'A UUID made by the client; retries with the same key and input return the same order.' })
  @IsUUID()
  idempotencyKey: string;
}

@InputType()
export class OrdersFilter {
  @Field(() => [OrderStatus], { nullable: true }) @IsOptional() @IsEnum(OrderStatus, { each: true }) statuses?: OrderStatus[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(12) @IsString({ each: true }) regionCodes?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(100) @IsUUID('all', { each: true }) providerIds?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(100) @IsUUID('all', { each: true }) offerIds?: string[];
  @Field({ nullable: true, description: 'Placed on or after (YYYY-MM-DD).' }) @IsOptional() @IsIsoDate() placedFrom?: string;
  @Field({ nullable: true, description: 'Placed on or before (YYYY-MM-DD).' }) @IsOptional() @IsIsoDate() placedTo?: string;
}
