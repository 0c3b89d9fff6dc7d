import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsString, Length, Matches } from 'class-validator';
import { OutcomeDirection, ServiceCategory } from '../service-category';

@InputType()
export class CreateOutcomeMeasureInput {
  @Field({ description: 'Upper-case code, e.g. "ACC-20".' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'code must be 2-32 upper-case letters, digits or hyphens' })
  code: string;

  @Field() @IsString() @Length(3, 300) name: string;
  @Field() @IsString() @Length(3, 2000) description: string;
  @Field({ description: 'What a value counts, e.g. "share of completed referrals".' })
  @IsString()
  @Length(1, 100)
  unit: string;

  @Field(() => OutcomeDirection) @IsEnum(OutcomeDirection) direction: OutcomeDirection;

  @Field(() => [ServiceCategory])
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsEnum(ServiceCategory, { each: true })
  categories: ServiceCategory[];
}
