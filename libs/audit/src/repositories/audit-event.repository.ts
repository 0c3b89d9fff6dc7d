import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConnectionShape } from '@mkt/common';
import { fetchKeysetPage, queryRows, SqlFilter } from '@mkt/database';
import { AuditEventType } from '../dtos/audit-event.type';
import { AuditEventsFilter } from '../dtos/audit-events.filter';

export interface AuditRow {
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

/** An event as written: the snapshots already serialised to JSON text. */
export interface NewAuditEvent {
  actorSub: string;
  actorRoles: string[];
  action: string;
  entityType: string;
  entityId: string;
  beforeJson: string | null;
  afterJson: string | null;
  requestId: string | null;
}

type Page = { first: number; after?: string; withTotal: boolean };

/** Every statement on `audit_event`: append and read, never update (the trail is append-only). */
@Injectable()
export class AuditEventRepository {
  async append(em: EntityManager, event: NewAuditEvent): Promise<void> {
    await queryRows(
      em,
      `INSERT INTO audit_event (actor_sub, actor_roles, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
      [event.actorSub, event.actorRoles, event.action, event.entityType, event.entityId, event.beforeJson, event.afterJson, event.requestId],
    );
  }

  page(em: EntityManager, filter: AuditEventsFilter, page: Page): Promise<ConnectionShape<AuditEventType>> {
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
