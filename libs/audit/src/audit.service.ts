import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConnectionShape, RequestContexts } from '@mkt/common';
import { Principal } from '@mkt/auth';
import { fetchKeysetPage, queryRows, SqlFilter } from '@mkt/database';
import { AuditEventType } from './dtos/audit-event.type';
import { AuditEventsFilter } from './dtos/audit-events.filter';

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

interface AuditRow {
  seq: string;
  id: string;
  occurred_at: Date;
  actor_sub: string;
  actor_roles: string[];
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

@Injectable()
export class AuditService {
  /** Appends an event inside the caller's transaction: it commits or rolls back with the change. */
  async record(em: EntityManager, actor: Principal, entry: AuditEntry): Promise<void> {
    await queryRows(
      em,
      `INSERT INTO audit_event (actor_sub, actor_roles, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
      [
        actor.sub,
        actor.roles,
        entry.action,
        entry.entityType,
        entry.entityId,
        toJson(entry.before),
        toJson(entry.after),
        RequestContexts.current()?.requestId ?? null,
      ],
    );
  }

  list(
    em: EntityManager,
    filter: AuditEventsFilter,
    page: { first: number; after?: string; withTotal: boolean },
  ): Promise<ConnectionShape<AuditEventType>> {
    const f = new SqlFilter()
      .addIf(filter.entityType, 'entity_type = ?')
      .addIf(filter.entityId, 'entity_id = ?')
      .addIf(filter.actorSub, 'actor_sub = ?')
      .addIf(filter.actions, 'action = ANY(?)')
      .addIf(filter.from, 'occurred_at >= ?')
      .addIf(filter.to, 'occurred_at < ?');
    return fetchKeysetPage<AuditRow, AuditEventType>(
      em,
      { select: '*', from: 'audit_event', seqColumn: 'seq', where: f.where, params: f.params, ...page },
      mapAuditRow,
    );
  }
}

function mapAuditRow(row: AuditRow): AuditEventType {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actorSub: row.actor_sub,
    actorRoles: row.actor_roles,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.request_id,
  };
}
