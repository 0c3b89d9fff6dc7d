import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '@mkt/common';
import { IncomeBand, OrganisationType } from '../organisation.enums';

@ObjectType('Organisation', { description: 'A provider: charity, social enterprise, mutual or other body.' })
export class OrganisationView {
  @Field(() => ID) id: string;
  @Field({ description: 'org-id.guide identifier, e.g. GB-CHC-1234567.' }) identifier: string;
  @Field() scheme: string;
  @Field() legalName: string;
  @Field(() => String, { nullable: true }) charityNumber: string | null;
  @Field(() => String, { nullable: true }) companyNumber: string | null;
  @Field(() => OrganisationType) organisationType: OrganisationType;
  @Field(() => IncomeBand) incomeBand: IncomeBand;
  @Field(() => [String]) regionCodes: string[];
  @Field() contactEmail: string;
  @Field({ description: 'Due diligence done by an ADMIN; only verified organisations can publish offers.' })
  verified: boolean;
  @Field(() => Date, { nullable: true }) verifiedAt: Date | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType()
export class OrganisationConnection extends Connection(OrganisationView, 'Organisation') {}
