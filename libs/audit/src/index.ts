export * from './audit.service';
export * from './audit.module';
export * from './migrations/1764201600100-audit-trail';
export * from './audit.schema';
