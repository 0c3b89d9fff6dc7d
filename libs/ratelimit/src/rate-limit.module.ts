import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { PostgresRateLimitStore } from './postgres-rate-limit.store';
import { RATE_LIMIT_STORE } from './rate-limit.store';
import { RATE_LIMIT_OPTIONS, RateLimiter, RateLimitOptions } from './rate-limiter';

export interface RateLimitModuleOptions extends RateLimitOptions {
  store: 'memory' | 'postgres';
}

@Module({})
export class RateLimitModule {
  static forRoot(options: RateLimitModuleOptions): DynamicModule {
    const store =
      options.store === 'postgres'
        ? { provide: RATE_LIMIT_STORE, useFactory: (dataSource: DataSource) => new PostgresRateLimitStore(dataSource), inject: [DataSource] }
        : { provide: RATE_LIMIT_STORE, useFactory: () => new MemoryRateLimitStore() };
    return {
      module: RateLimitModule,
      providers: [store, { provide: RATE_LIMIT_OPTIONS, useValue: options }, RateLimiter],
      exports: [RateLimiter],
    };
  }
}
