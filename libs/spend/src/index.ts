export * from './spend.exception';
export * from './dtos/spend.inputs';
export * from './dtos/spend.types';
export * from './services/spend.service';
export * from './spend.module';
export * from './migrations/1764201600700-spend';
export * from './migrations/1764201609100-spend-year-indexes';
export * from './rules/spend-query';
