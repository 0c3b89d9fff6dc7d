import { registerEnumType } from '@nestjs/graphql';

export enum OfferStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum DeliveryMode {
  IN_PERSON = 'IN_PERSON',
  REMOTE = 'REMOTE',
  ONE_TO_ONE = 'ONE_TO_ONE',
  GROUP = 'GROUP',
}

export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}

export enum RiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

/** Specialist provision for people with protected characteristics or particular needs. */
export enum Specialism {
  WOMEN = 'WOMEN',
  RACIALLY_MINORITISED_PEOPLE = 'RACIALLY_MINORITISED_PEOPLE',
  DISABLED_PEOPLE = 'DISABLED_PEOPLE',
  LGBT_PLUS_PEOPLE = 'LGBT_PLUS_PEOPLE',
  YOUNG_ADULTS_18_25 = 'YOUNG_ADULTS_18_25',
  OLDER_PEOPLE = 'OLDER_PEOPLE',
  VETERANS = 'VETERANS',
  CARE_EXPERIENCED_PEOPLE = 'CARE_EXPERIENCED_PEOPLE',
  NEURODIVERGENT_PEOPLE = 'NEURODIVERGENT_PEOPLE',
  PEOPLE_WITH_LEARNING_DISABILITIES = 'PEOPLE_WITH_LEARNING_DISABILITIES',
  FOREIGN_NATIONALS = 'FOREIGN_NATIONALS',
  SURVIVORS_OF_DOMESTIC_ABUSE = 'SURVIVORS_OF_DOMESTIC_ABUSE',
  FAITH_COMMUNITIES = 'FAITH_COMMUNITIES',
}

export enum PricingUnit {
  PER_REFERRAL = 'PER_REFERRAL',
  PER_SESSION = 'PER_SESSION',
  PER_PLACE_PER_WEEK = 'PER_PLACE_PER_WEEK',
  FIXED_BLOCK = 'FIXED_BLOCK',
}

registerEnumType(OfferStatus, { name: 'OfferStatus' });
registerEnumType(DeliveryMode, { name: 'DeliveryMode' });
registerEnumType(Sex, { name: 'Sex' });
registerEnumType(RiskLevel, { name: 'RiskLevel' });
registerEnumType(Specialism, { name: 'Specialism' });
registerEnumType(PricingUnit, {
  name: 'PricingUnit',
  valuesMap: { FIXED_BLOCK: { description: 'One price for the whole block, whatever the quantity.' } },
});
