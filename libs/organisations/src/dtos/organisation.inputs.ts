import { applyDecorators } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsDefined, IsEmail, IsEnum, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Stacked } from '@mkt/common';
import { IncomeBand, OrganisationType } from '../organisation.enums';
import { CHARITY_NUMBER_PATTERN, COMPANY_NUMBER_PATTERN } from '../utils/org-identifier';
import { IsOrgIdentifier } from '../utils/is-org-identifier.decorator';

// The rules registration and update share, each written once (see Stacked: messages keep their order).
const CharityNumber = () =>
  Stacked(
    Field({ nullable: true }),
    IsOptional(),
    Matches(CHARITY_NUMBER_PATTERN, { message: 'charityNumber must be 5 to 8 digits, or SC and 6 digits' }),
  );
const CompanyNumber = () =>
  Stacked(
    Field({ nullable: true }),
    IsOptional(),
    Matches(COMPANY_NUMBER_PATTERN, { message: 'companyNumber must be 8 characters: 8 digits, or 2 letters and 6 digits' }),
  );
const RegionCodeList = () => Stacked(ArrayMaxSize(12), IsString({ each: true }), MaxLength(60, { each: true }));
const ContactEmail = () => Stacked(IsEmail({}, { message: 'contactEmail must be an email address' }), MaxLength(254));

@InputType()
export class RegisterOrganisationInput {
  @Field({ description: 'org-id identifier: GB-CHC-<digits>, GB-SC-SC<6 digits>, GB-NIC-<digits>, GB-COH-<8 chars>, GB-MPR-<number>.' })
  @IsOrgIdentifier()
  identifier: string;

  @Field() @IsString() @Length(2, 300) legalName: string;

  @CharityNumber() charityNumber?: string;
  @CompanyNumber() companyNumber?: string;

  @Field(() => OrganisationType) @IsEnum(OrganisationType) organisationType: OrganisationType;
  @Field(() => IncomeBand) @IsEnum(IncomeBand) incomeBand: IncomeBand;

  @Field(() => [String], { defaultValue: [] })
  @RegionCodeList()
  regionCodes: string[] = [];

  @Field() @ContactEmail() contactEmail: string;
}

/** A required field of the organisation: may be left out of an update (unchanged), never null. */
const LeftOutOrGiven = () =>
  applyDecorators(
    ValidateIf((_: object, value: unknown) => value !== undefined),
    IsDefined({ message: ({ property }) => `${property} is required: leave it out to keep it, null is not allowed` }),
  );

/**
 * Partial: a field left out keeps its value (no defaults here, unlike registration, so a missing
 * `regionCodes` never wipes the regions); null is refused for the fields an organisation must have.
 */
@InputType({ description: 'Partial: fields left out are unchanged; null is refused for required fields.' })
export class UpdateOrganisationInput {
  @Field({ nullable: true }) @LeftOutOrGiven() @IsString() @Length(2, 300) legalName?: string;

  @CharityNumber() charityNumber?: string;
  @CompanyNumber() companyNumber?: string;

  @Field(() => OrganisationType, { nullable: true }) @LeftOutOrGiven() @IsEnum(OrganisationType) organisationType?: OrganisationType;
  @Field(() => IncomeBand, { nullable: true }) @LeftOutOrGiven() @IsEnum(IncomeBand) incomeBand?: IncomeBand;

  @Field(() => [String], { nullable: true, description: 'The full new list; [] for none.' })
  @LeftOutOrGiven()
  @RegionCodeList()
  regionCodes?: string[];

  @Field({ nullable: true })
  @LeftOutOrGiven()
  @ContactEmail()
  contactEmail?: string;
}

@InputType()
export class OrganisationsFilter {
  @Field({ nullable: true, description: 'Part of the legal name or the identifier.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;

  @Field(() => [IncomeBand], { nullable: true }) @IsOptional() @IsEnum(IncomeBand, { each: true }) incomeBands?: IncomeBand[];

  @Field(() => [OrganisationType], { nullable: true })
  @IsOptional()
  @IsEnum(OrganisationType, { each: true })
  organisationTypes?: OrganisationType[];

  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(12) @IsString({ each: true }) regionCodes?: string[];
  @Field({ nullable: true }) @IsOptional() @IsBoolean() verified?: boolean;
}
