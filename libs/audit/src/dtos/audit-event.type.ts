import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection, GraphQLJSON } from '@mkt/common';

@ObjectType('AuditEvent', { description: 'One state change, recorded in the same transaction as the change.' })
export class AuditEventType {
  @Field(() => ID) id: string;
  @Field() occurredAt: Date;
  @Field() actorSub: string;
  @Field(() => [String]) actorRoles: string[];
  @Field({ description: 'e.g. "organisation.registered", "serviceOffer.published".' }) action: string;
  @Field() entityType: string;
  @Field() entityId: string;
  @Field(() => GraphQLJSON, { nullable: true }) before: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after: unknown;
  @Field(() => String, { nullable: true }) requestId: string | null;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEventType, 'AuditEvent') {}
