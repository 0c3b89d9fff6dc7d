import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsDate, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class AuditEventsFilter {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) actorSub?: string;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  actions?: string[];
  @Field({ nullable: true }) @IsOptional() @IsDate() from?: Date;
  @Field({ nullable: true }) @IsOptional() @IsDate() to?: Date;
}
