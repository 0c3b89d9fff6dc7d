import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Money } from '@mkt/common';

@ObjectType('ContractBudgetPhase', { description: "One financial year's commitment of a contract, on that year's pot." })
export class ContractBudgetPhaseView {
  @Field({ description: 'April to March, e.g. "2027-28".' }) financialYear: string;
  @Field(() => ID) budgetId: string;
  @Field(() => Money, { description: 'What the year commits now (its schedule, less what was released); includes what is paid.' })
  committed: Money;
  @Field(() => Money, { description: 'Paid for periods that start in the year (reversals netted).' }) paid: Money;
  @Field(() => Money, { description: 'Taken back out of the commitment and returned to the pot.' }) released: Money;
}
