import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsIsoDate, Money } from '@mkt/common';
import { AwardRationale } from '../ordering.enums';
import { ApprovalLevel, AwardFlag } from '../award.enums';

@InputType({ description: 'An order as it would be placed, to see its flags and approval before placing it.' })
export class AwardCheckInput {
  @Field(() => ID) @IsUUID() offerId: string;
  @Field() @IsString() @MaxLength(80) pduCode: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(100_000) quantity: number;
  @Field() @IsIsoDate() startDate: string;
  @Field() @IsIsoDate() endDate: string;
  @Field(() => AwardRationale, { nullable: true, defaultValue: AwardRationale.LIGHT_TOUCH_DIRECT_AWARD })
  @IsOptional()
  @IsEnum(AwardRationale)
  awardRationale?: AwardRationale;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(4000) awardJustification?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) frameworkReference?: string;
  @Field({ nullable: true, defaultValue: false }) @IsOptional() @IsBoolean() conflictOfInterestDeclared?: boolean;
}

@ObjectType('AwardCheck', { description: 'What placing the order would meet: nothing is reserved or written.' })
export class AwardCheckView {
  @Field(() => Money, { description: "The provider's running total for the category, region and financial year with this order." })
  runningTotal: Money;
  @Field(() => Money, { description: 'The order on its own.' }) total: Money;
  @Field(() => [AwardFlag]) flags: AwardFlag[];
  @Field(() => ApprovalLevel) approvalLevel: ApprovalLevel;
  @Field(() => String, { nullable: true, description: 'Why placing it would be refused, or null.' }) refusal: string | null;
  @Field(() => String, { nullable: true, description: 'The refusal code placeOrder would answer with.' }) refusalCode: string | null;
}
