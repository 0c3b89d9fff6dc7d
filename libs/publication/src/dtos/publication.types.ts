import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SupplyChainPublication', { description: 'A frozen quarterly supply-chain snapshot, served publicly as OCDS and CSV.' })
export class SupplyChainPublicationView {
  @Field(() => ID) id: string;
  @Field() financialYear: string;
  @Field(() => Int) quarter: number;
  @Field(() => Int, { description: '1 for the first publication of the quarter; each correction adds one.' }) revision: number;
  @Field(() => ID, { nullable: true, description: 'The publication this correction supersedes.' }) supersedesId: string | null;
  @Field(() => String, { nullable: true }) correctionReason: string | null;
  @Field() publishedAt: Date;
  @Field(() => Int, { description: 'Contracts active in the quarter.' }) contracts: number;
  @Field({ description: 'Permanent URL of this revision as an OCDS release package.' }) jsonUrl: string;
  @Field({ description: 'Permanent URL of this revision as a flat CSV table.' }) csvUrl: string;
  @Field({ description: "The quarter's URL: always the latest revision." }) quarterUrl: string;
  @Field({ description: 'SHA-256 of the JSON package as served.' }) sha256: string;
}
