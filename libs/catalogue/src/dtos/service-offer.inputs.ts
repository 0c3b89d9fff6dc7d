import { Field, Float, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLDecimal, IsDecimalNumber, IsFreeOfPersonalIdentifiers, IsMoney } from '@mkt/common';
import { ServiceCategory } from '@mkt/reference';
import { IncomeBand } from '@mkt/organisations';
import { DeliveryMode, OfferStatus, PricingUnit, RiskLevel, Sex, Specialism } from '../catalogue.enums';

@InputType()
export class EligibilityInput {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(10) @Max(120) minAge?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(10) @Max(120) maxAge?: number;
  @Field(() => [Sex], { nullable: true, description: 'Omitted: open to all.' })
  @IsOptional()
  @IsEnum(Sex, { each: true })
  sexes?: Sex[];
  @Field(() => [RiskLevel], { nullable: true, description: 'Omitted: all risk levels.' })
  @IsOptional()
  @IsEnum(RiskLevel, { each: true })
  riskLevels?: RiskLevel[];
}

@InputType()
export class OutcomeCommitmentInput {
  @Field({ description: 'Code of a measure in the outcome-measure library, e.g. "ACC-02".' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'measureCode must be a code from the outcome-measure library' })
  measureCode: string;

  @Field(() => Float, { description: 'Expected share of referrals achieving it, 0 to 1.' })
  @IsDecimalNumber(4)
  @Min(0)
  @Max(1)
  expectedRate: number;
}

@InputType()
export class CreateServiceOfferInput {
  @Field() @IsString() @Length(3, 200) @IsFreeOfPersonalIdentifiers() title: string;
  @Field() @IsString() @Length(10, 4000) @IsFreeOfPersonalIdentifiers() summary: string;
  @Field(() => ServiceCategory) @IsEnum(ServiceCategory) category: ServiceCategory;

  @Field(() => [String], { description: 'Region codes covered, e.g. ["north-west"].' })
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  regionCodes: string[];

  @Field(() => [String], { nullable: true, description: 'Omitted: every PDU of the chosen regions.' })
  @IsOptional()
  @ArrayMaxSize(120)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  pduCodes?: string[];

  @Field(() => [DeliveryMode], { nullable: true }) @IsOptional() @IsEnum(DeliveryMode, { each: true }) deliveryModes?: DeliveryMode[];

  @Field(() => EligibilityInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EligibilityInput)
  eligibility?: EligibilityInput;

  @Field(() => [Specialism], { nullable: true }) @IsOptional() @IsEnum(Specialism, { each: true }) specialisms?: Specialism[];

  @Field(() => Int) @IsInt() @Min(1) @Max(100_000) capacityPerMonth: number;
  @Field(() => PricingUnit) @IsEnum(PricingUnit) pricingUnit: PricingUnit;

  @Field(() => GraphQLDecimal, { description: 'Price per pricing unit (for FIXED_BLOCK, the block price).' })
  @IsMoney({ min: '0.01' })
  unitPrice: string;

  @Field(() => GraphQLDecimal, { description: 'What one unit really costs to deliver, so under-funding shows.' })
  @IsMoney()
  declaredFullCostPerUnit: string;

  @Field(() => [OutcomeCommitmentInput])
  @ArrayMinSize(1, { message: 'outcomeCommitments must commit to at least one outcome measure' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => OutcomeCommitmentInput)
  outcomeCommitments: OutcomeCommitmentInput[];
}

@InputType()
export class UpdateServiceOfferInput extends PartialType(CreateServiceOfferInput) {}

@InputType()
export class ServiceOffersFilter {
  @Field({ nullable: true, description: 'Full-text search over title and summary (web-search syntax).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @Field(() => [ServiceCategory], { nullable: true }) @IsOptional() @IsEnum(ServiceCategory, { each: true }) categories?: ServiceCategory[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(12) @IsString({ each: true }) regionCodes?: string[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(120) @IsString({ each: true }) pduCodes?: string[];
  @Field(() => GraphQLDecimal, { nullable: true }) @IsOptional() @IsMoney() maxUnitPrice?: string;

  @Field(() => [IncomeBand], { nullable: true, description: "The provider's annual income band." })
  @IsOptional()
  @IsEnum(IncomeBand, { each: true })
  providerIncomeBands?: IncomeBand[];

  @Field(() => [Specialism], { nullable: true, description: 'Offers with any of these specialisms.' })
  @IsOptional()
  @IsEnum(Specialism, { each: true })
  specialisms?: Specialism[];

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) minCapacity?: number;
  @Field(() => OfferStatus, { nullable: true, description: 'Within what the caller may see (commissioners: PUBLISHED).' })
  @IsOptional()
  @IsEnum(OfferStatus)
  status?: OfferStatus;

  @Field(() => ID, { nullable: true, description: 'Only this provider (Organisation id).' })
  @IsOptional()
  @IsUUID()
  providerId?: string;
}
