export * from './catalogue.enums';
export * from './catalogue.exception';
export * from './dtos/service-offer.types';
export * from './services/service-offers.service';
export * from './catalogue.module';
export * from './migrations/1764201600300-service-offers';
export * from './migrations/1764201609300-offer-search-terms';
export * from './migrations/1764201610020-offer-published-views';
