import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from '@mkt/common';
import { ContractVariationRow } from '../repositories/contract-variation.repository';

export enum ContractVariationStatus {
  PROPOSED = 'PROPOSED',
  AGREED = 'AGREED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ContractVariationStatus, { name: 'ContractVariationStatus' });

@ObjectType('ContractVariation', {
  description: "A change of a contract's terms proposed by a commissioner; it applies only when the provider agrees it.",
})
export class ContractVariationView {
  @Field(() => ID) id: string;
  @Field(() => ID) contractId: string;
  @Field(() => Int, { description: 'The contract version the proposal was made against; agreeing it after another change gets CONFLICT.' })
  againstVersion: number;
  @Field(() => GraphQLJSON, { description: 'The proposed changes: endDate, value, outcomeMeasures [{ id, target, weight }].' })
  changes: unknown;
  @Field() reason: string;
  @Field(() => ContractVariationStatus) status: ContractVariationStatus;
  @Field({ description: 'sub of the commissioner who proposed it.' }) proposedBy: string;
  @Field() proposedAt: Date;
  @Field(() => String, { nullable: true }) answeredBy: string | null;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was rejected or withdrawn.' }) answerReason: string | null;
}

export function mapVariation(row: ContractVariationRow): ContractVariationView {
  return {
    id: row.id,
    contractId: row.contract_id,
    againstVersion: row.against_version,
    changes: row.changes,
    reason: row.reason,
    status: row.status as ContractVariationStatus,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    answerReason: row.answer_reason,
  };
}
