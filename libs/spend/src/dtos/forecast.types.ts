import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, Matches } from 'class-validator';
import { IsFinancialYear, Money } from '@mkt/common';

@InputType()
export class ForecastOutturnFilter {
  @Field(() => [String], { nullable: true, description: 'Region codes; a commissioner may name only its own.' })
  @IsOptional()
  @ArrayMaxSize(12)
  @Matches(/^[a-z0-9-]{1,60}$/, { each: true, message: 'regionCodes must be region codes such as north-west' })
  regionCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Financial years such as "2026-27".' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsFinancialYear()
  financialYears?: string[];
}

@ObjectType('ForecastOutturn', {
  description: 'Per region and financial year, over all its pots: where the year will end if every commitment is paid.',
})
export class ForecastOutturnView {
  @Field() regionCode: string;
  @Field() financialYear: string;
  @Field(() => Money) allocated: Money;
  @Field(() => Money, { description: 'Orders waiting for an answer (not in the forecast).' }) reserved: Money;
  @Field(() => Money, { description: 'Committed (accepted orders, contracts), paid included.' }) committed: Money;
  @Field(() => Money, { description: 'committed - paid' }) committedUnpaid: Money;
  @Field(() => Money, { description: 'Paid for periods that start in the year.' }) paid: Money;
  @Field(() => Money, { description: 'Taken back out of commitments (already back in the allocation).' }) released: Money;
  @Field(() => Money, { description: 'paid + committedUnpaid' }) forecast: Money;
  @Field(() => Money, { description: 'allocated - forecast (negative: an overspend)' }) variance: Money;
}
