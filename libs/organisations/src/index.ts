export * from './organisation.enums';
export * from './organisation.exception';
export * from './dtos/organisation.type';
export * from './services/organisations.service';
export * from './organisations.module';
export * from './utils/org-identifier';
export * from './migrations/1764201600200-organisations';
export * from './migrations/1764201610010-organisation-profile-view';
