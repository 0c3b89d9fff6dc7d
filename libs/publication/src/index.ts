export * from './publication.exception';
export * from './dtos/publication.types';
export * from './ocds/snapshot';
export * from './ocds/release-package';
export * from './ocds/supply-chain-csv';
export * from './services/supply-chain-publication.service';
export * from './publication.module';
export * from './migrations/1764201600800-publication';
