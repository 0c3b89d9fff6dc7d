import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsIn,
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
import { GraphQLDecimal, IsDecimalNumber, IsFinancialYear, IsFreeOfPersonalIdentifiers, IsIsoDate, IsMoney, RATE_DECIMAL_PLACES } from '@mkt/common';
import { ContractStatus, PaymentKind } from '../contracts.enums';

// Decimals counted by value (class-validator's maxDecimalPlaces let 1e-7 through as 0 decimals).
const DECIMALS = RATE_DECIMAL_PLACES;
const PERIOD = /^\d{4}-\d{2}(-Q[1-4])?$/;

@InputType()
export class ContractsFilter {
  @Field(() => [ContractStatus], { nullable: true }) @IsOptional() @IsEnum(ContractStatus, { each: true }) statuses?: ContractStatus[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(12) @IsString({ each: true }) regionCodes?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(100) @IsUUID('all', { each: true }) providerIds?: string[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @IsFinancialYear() financialYears?: string[];
}

@InputType()
export class MeasureChangeInput {
  @Field(() => ID, { description: 'ContractOutcomeMeasure id.' }) @IsUUID() id: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsDecimalNumber(DECIMALS) @Min(-1e9) @Max(1e9) target?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(100) weight?: number;
}

@InputType()
export class ContractChangesInput {
  @Field({ nullable: true }) @IsOptional() @IsIsoDate() endDate?: string;
  @Field(() => GraphQLDecimal, { nullable: true }) @IsOptional() @IsMoney() value?: string;
  @Field(() => [MeasureChangeInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MeasureChangeInput)
  outcomeMeasures?: MeasureChangeInput[];
  @Field(() => ContractStatus, { nullable: true }) @IsOptional() @IsEnum(ContractStatus) status?: ContractStatus;
}

@InputType()
export class VaryContractInput {
  @Field(() => ID) @IsUUID() contractId: string;
  @Field(() => Int, { description: 'The version the change was made against; a stale one gets CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion: number;
  @Field(() => ContractChangesInput) @ValidateNested() @Type(() => ContractChangesInput) changes: ContractChangesInput;
  @Field() @IsString() @Length(3, 2000) @IsFreeOfPersonalIdentifiers() reason: string;
}

@InputType()
export class ActualInput {
  @Field(() => ID) @IsUUID() measureId: string;
  @Field(() => Float) @IsDecimalNumber(DECIMALS) @Min(-1e9) @Max(1e9) value: number;
}

@InputType()
export class SubmitPerformanceReportInput {
  @Field(() => ID) @IsUUID() contractId: string;
  @Field({ description: 'A period of the contract schedule, e.g. "2026-27-Q1" or "2026-04".' })
  @Matches(PERIOD, { message: 'period must look like 2026-27-Q1 or 2026-04' })
  period: string;
  @Field(() => [ActualInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ActualInput)
  actuals: ActualInput[];
  @Field() @IsString() @Length(1, 10_000) @IsFreeOfPersonalIdentifiers() narrative: string;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => ID) @IsUUID() contractId: string;
  @Field() @Matches(PERIOD, { message: 'period must look like 2026-27-Q1 or 2026-04' }) period: string;
  @Field(() => PaymentKind) @IsEnum(PaymentKind) kind: PaymentKind;
  @Field(() => GraphQLDecimal) @IsMoney({ min: '0.01' }) amount: string;
  @Field({ description: 'YYYY-MM-DD, not in the future.' }) @IsIsoDate() paidOn: string;
  @Field({ description: 'Finance system reference.' }) @IsString() @Length(1, 200) reference: string;
  @Field(() => ID) @IsUUID() idempotencyKey: string;
}

@InputType()
export class ReversePaymentInput {
  @Field(() => ID) @IsUUID() paymentId: string;
  @Field() @IsString() @Length(3, 2000) @IsFreeOfPersonalIdentifiers() reason: string;
  @Field(() => ID) @IsUUID() idempotencyKey: string;
}

@InputType()
export class DeclareSubcontractorInput {
  @Field(() => ID) @IsUUID() contractId: string;
  @Field({ description: 'org-id identifier of the subcontractor, e.g. GB-CHC-1234567.' }) @IsString() @MaxLength(40) identifier: string;
  @Field() @IsString() @Length(2, 300) name: string;
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^(\d{5,8}|SC\d{6})$/, { message: 'charityNumber must be 5 to 8 digits, or SC and 6 digits' })
  charityNumber?: string;
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^(\d{8}|[A-Z]{2}\d{6}|R\d{7})$/, { message: 'companyNumber must be 8 characters' })
  companyNumber?: string;
  @Field(() => Int) @IsIn([2, 3], { message: 'tier must be 2 or 3' }) tier: number;
  @Field(() => ID, { nullable: true, description: 'Required for tier 3: the tier 2 it sits under.' })
  @IsOptional()
  @IsUUID()
  parentSubcontractorId?: string;
  @Field() @IsString() @Length(3, 2000) @IsFreeOfPersonalIdentifiers() serviceSummary: string;
}

@InputType()
export class ReportFundingPassedDownInput {
  @Field(() => ID) @IsUUID() contractId: string;
  @Field(() => ID) @IsUUID() subcontractorId: string;
  @Field() @IsFinancialYear() financialYear: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(4) quarter: number;
  @Field(() => GraphQLDecimal) @IsMoney() amount: string;
}

@InputType()
export class ContributionInput {
  @Field(() => ID) @IsUUID() measureId: string;
  @Field(() => Float) @IsDecimalNumber(DECIMALS) @Min(-1e9) @Max(1e9) value: number;
}

@InputType()
export class ReportContributionInput {
  @Field(() => ID) @IsUUID() contractId: string;
  @Field(() => ID) @IsUUID() subcontractorId: string;
  @Field() @IsFinancialYear() financialYear: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(4) quarter: number;
  @Field(() => [ContributionInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContributionInput)
  contributions: ContributionInput[];
}
