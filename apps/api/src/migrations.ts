import { MigrationClass } from '@mkt/database';
import { ReferenceData1764201600000 } from '@mkt/reference';
import { AuditTrail1764201600100 } from '@mkt/audit';
import { Organisations1764201600200 } from '@mkt/organisations';
import { ServiceOffers1764201600300 } from '@mkt/catalogue';
import { RateLimitCounters1764201609000 } from '@mkt/ratelimit';

/** Every module's migrations, in the order they apply. */
export const MIGRATIONS: MigrationClass[] = [
  ReferenceData1764201600000,
  AuditTrail1764201600100,
  Organisations1764201600200,
  ServiceOffers1764201600300,
  RateLimitCounters1764201609000,
];
