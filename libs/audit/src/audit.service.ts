import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConnectionShape, RequestContexts } from '@mkt/common';
import { Principal } from '@mkt/auth';
import { AuditEventType } from './dtos/audit-event.type';
import { AuditEventsFilter } from './dtos/audit-events.filter';
import { AuditEventRepository } from './repositories/audit-event.repository';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** bigint amounts (pence) are kept as strings in the JSON snapshots. */
function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

@Injectable()
export class AuditService {
  constructor(private readonly events: AuditEventRepository) {}

  /** Appends an event inside the caller's transaction: it commits or rolls back with the change. */
  async record(em: EntityManager, actor: Principal, entry: AuditEntry): Promise<void> {
    await this.events.append(em, {
      actorSub: actor.sub,
      actorRoles: actor.roles,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      beforeJson: toJson(entry.before),
      afterJson: toJson(entry.after),
      requestId: RequestContexts.current()?.requestId ?? null,
    });
  }

  list(
    em: EntityManager,
    filter: AuditEventsFilter,
    page: { first: number; after?: string; withTotal: boolean },
  ): Promise<ConnectionShape<AuditEventType>> {
    return this.events.page(em, filter, page);
  }
}
