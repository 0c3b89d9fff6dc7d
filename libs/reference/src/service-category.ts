import { registerEnumType } from '@nestjs/graphql';

/** The service categories used in probation commissioning. */
export enum ServiceCategory {
  ACCOMMODATION = 'ACCOMMODATION',
  EDUCATION_TRAINING_AND_EMPLOYMENT = 'EDUCATION_TRAINING_AND_EMPLOYMENT',
  FINANCE_BENEFIT_AND_DEBT = 'FINANCE_BENEFIT_AND_DEBT',
  DEPENDENCY_AND_RECOVERY = 'DEPENDENCY_AND_RECOVERY',
  WOMENS_SERVICES = 'WOMENS_SERVICES',
  PERSONAL_WELLBEING = 'PERSONAL_WELLBEING',
  FAMILY_AND_SIGNIFICANT_OTHERS = 'FAMILY_AND_SIGNIFICANT_OTHERS',
  EMOTIONAL_WELLBEING = 'EMOTIONAL_WELLBEING',
}

registerEnumType(ServiceCategory, { name: 'ServiceCategory' });

export enum OutcomeDirection {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}

registerEnumType(OutcomeDirection, { name: 'OutcomeDirection' });
