import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Money } from '@mkt/common';

@ObjectType('OrderBudgetPhase', { description: "One financial year's share of an order, reserved (then committed) on that year's pot." })
export class OrderBudgetPhaseView {
  @Field({ description: 'April to March, e.g. "2027-28".' }) financialYear: string;
  @Field(() => ID) budgetId: string;
  @Field(() => Money, { description: 'The instalments and outcome allowances of the reporting periods that start in the year.' })
  amount: Money;
  @Field({ description: 'Drawn on an indicative (planning) allocation, not yet confirmed.' }) indicative: boolean;
}
