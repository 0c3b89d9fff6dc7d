import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { GraphQLDecimal, IsFinancialYear, IsMoney, Money } from '@mkt/common';
import { ServiceCategory } from '@mkt/reference';

@ObjectType('Budget', { description: 'A pot of money for a region and financial year (optionally one category).' })
export class BudgetView {
  @Field(() => ID) id: string;
  @Field() regionCode: string;
  @Field({ description: 'April to March, e.g. "2026-27".' }) financialYear: string;
  @Field(() => ServiceCategory, { nullable: true, description: 'Null: the general pot of the region and year.' })
  category: ServiceCategory | null;
  @Field(() => Money) allocated: Money;
  @Field(() => Money, { description: 'Orders waiting for an answer (or for approval).' }) reserved: Money;
  @Field(() => Money, { description: 'Accepted orders and the contracts they became.' }) committed: Money;
  @Field(() => Money, { description: 'allocated - reserved - committed' }) remaining: Money;
  @Field({ description: 'A planning figure for a later year: later-year phases of an order may draw on it (the order is flagged).' })
  indicative: boolean;
  @Field(() => Money, { description: 'Paid out of the commitment (committed includes it).' }) paid: Money;
  @Field(() => Money, {
    description: 'Taken back out of commitments (unearned outcome money, instalments after termination) and returned to remaining.',
  })
  released: Money;
}

@InputType()
export class SetBudgetInput {
  @Field() @IsString() @MaxLength(60) regionCode: string;
  @Field() @IsFinancialYear() financialYear: string;
  @Field(() => ServiceCategory, { nullable: true, description: 'Omit for the general pot.' })
  @IsOptional()
  @IsEnum(ServiceCategory)
  category?: ServiceCategory;
  @Field(() => GraphQLDecimal) @IsMoney() amount: string;
  @Field({ nullable: true, defaultValue: false, description: 'An indicative (planning) allocation; set it again with false to confirm it.' })
  @IsOptional()
  @IsBoolean()
  indicative?: boolean;
}

@InputType()
export class BudgetsFilter {
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @IsFinancialYear() financialYears?: string[];
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(12) @IsString({ each: true }) regionCodes?: string[];
}
