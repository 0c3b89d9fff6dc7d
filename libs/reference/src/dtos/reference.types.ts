import { Field, ID, ObjectType } from '@nestjs/graphql';

const CODE_AS_ID = { description: 'The code, as the id clients cache it under.' };
import { OutcomeDirection, ServiceCategory } from '../service-category';

@ObjectType('Pdu', { description: 'A Probation Delivery Unit within a region.' })
export class PduType {
  @Field(() => ID, CODE_AS_ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field() regionCode: string;
}

@ObjectType('Region', { description: 'One of the 12 probation regions of England and Wales.' })
export class RegionType {
  @Field(() => ID, CODE_AS_ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => [PduType]) pdus: PduType[];
}

@ObjectType('OutcomeMeasure', {
  description: 'A standard outcome a service can commit to and a contract can pay for (never a volume count).',
})
export class OutcomeMeasureType {
  @Field(() => ID, CODE_AS_ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field() description: string;
  @Field() unit: string;
  @Field(() => OutcomeDirection) direction: OutcomeDirection;
  @Field(() => [ServiceCategory]) categories: ServiceCategory[];
  @Field() source: string;
}
