import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsFinancialYear, Stacked } from '@mkt/common';
import { IncomeBand, OrganisationType } from '@mkt/organisations';
import { ServiceCategory } from '@mkt/reference';

/** What spend can be grouped by. FINANCIAL_QUARTER is a quarter of a financial year (it implies the year). */
export enum SpendGroupKey {
  REGION = 'REGION',
  PDU = 'PDU',
  PROVIDER = 'PROVIDER',
  CATEGORY = 'CATEGORY',
  INCOME_BAND = 'INCOME_BAND',
  ORGANISATION_TYPE = 'ORGANISATION_TYPE',
  FINANCIAL_YEAR = 'FINANCIAL_YEAR',
  FINANCIAL_QUARTER = 'FINANCIAL_QUARTER',
}

registerEnumType(SpendGroupKey, {
  name: 'SpendGroupKey',
  valuesMap: {
    PROVIDER: { description: 'The prime provider (organisation) paid.' },
    INCOME_BAND: { description: "The provider's income band when the contract was awarded." },
    ORGANISATION_TYPE: { description: "The provider's organisation type when the contract was awarded." },
    FINANCIAL_QUARTER: { description: 'A quarter of a financial year, e.g. 2026-27 Q1 (April to June 2026).' },
  },
});

const CODE = /^[a-z0-9][a-z0-9-]{0,79}$/;

// The filter fields SpendFilter and UnderpricedOffersFilter share, each with its validators once.
const RegionCodesFilter = (description?: string) =>
  Stacked(
    Field(() => [String], { nullable: true, description }),
    IsOptional(),
    ArrayMaxSize(12),
    Matches(CODE, { each: true, message: 'regionCodes must be region codes such as north-west' }),
  );
const CategoriesFilter = () =>
  Stacked(
    Field(() => [ServiceCategory], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(20),
    IsEnum(ServiceCategory, { each: true }),
  );
const ProviderIdsFilter = () =>
  Stacked(
    Field(() => [ID], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(100),
    IsUUID('all', { each: true }),
  );

/** Every filter is optional; lists match any of their values; filters combine with AND. */
@InputType()
export class SpendFilter {
  @Field(() => [String], { nullable: true, description: 'Financial years such as "2026-27".' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsFinancialYear()
  financialYears?: string[];

  @Field(() => [Int], { nullable: true, description: 'Quarters of the financial year, 1 (April to June) to 4.' })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(4, { each: true })
  quarters?: number[];

  @RegionCodesFilter()
  regionCodes?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @Matches(CODE, { each: true, message: 'pduCodes must be PDU codes such as liverpool-north' })
  pduCodes?: string[];

  @CategoriesFilter()
  categories?: ServiceCategory[];

  @ProviderIdsFilter()
  providerIds?: string[];

  @Field(() => [IncomeBand], { nullable: true, description: "The provider's band when the contract was awarded." })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEnum(IncomeBand, { each: true })
  incomeBands?: IncomeBand[];

  @Field(() => [OrganisationType], { nullable: true, description: "The provider's type when the contract was awarded." })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEnum(OrganisationType, { each: true })
  organisationTypes?: OrganisationType[];
}

/** The GraphQL argument names of `SpendFilter`, in the order the CSV export documents them. */
export const SPEND_FILTER_FIELDS = [
  'financialYears',
  'quarters',
  'regionCodes',
  'pduCodes',
  'categories',
  'providerIds',
  'incomeBands',
  'organisationTypes',
] as const satisfies readonly (keyof SpendFilter)[];

@InputType()
export class UnderpricedOffersFilter {
  @RegionCodesFilter('Offers covering any of these regions.')
  regionCodes?: string[];

  @CategoriesFilter()
  categories?: ServiceCategory[];

  @ProviderIdsFilter()
  providerIds?: string[];
}
