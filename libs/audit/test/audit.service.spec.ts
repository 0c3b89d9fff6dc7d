import { AuditService } from '@mkt/audit';
import { LibTest, principals, startLibTest } from '@mkt/testing';

describe('AuditService (real PostgreSQL)', () => {
  let t: LibTest;
  let audit: AuditService;
  const admin = principals.admin();

  // AuditModule is global: the harness provides it to every lib, as the app does.
  beforeAll(async () => {
    t = await startLibTest({ imports: [] });
    audit = t.get(AuditService);
  });
  afterAll(() => t?.close());

  it('records in the caller’s transaction: a rolled-back change leaves no audit event', async () => {
    await t.transaction((em) => audit.record(em, admin, { action: 'thing.kept', entityType: 'Thing', entityId: 'kept', after: { n: 1 } }));
    const failed = t.transaction(async (em) => {
      await audit.record(em, admin, { action: 'thing.lost', entityType: 'Thing', entityId: 'lost', after: { n: 2 } });
      throw new Error('the change failed after its audit event');
    });
    await expect(failed).rejects.toThrow('the change failed');
    expect(await t.rows(`SELECT entity_id, actor_sub, actor_roles, after FROM audit_event WHERE entity_type = 'Thing'`)).toEqual([
      { entity_id: 'kept', actor_sub: admin.sub, actor_roles: ['ADMIN'], after: { n: 1 } },
    ]);
  });

  it('is append-only: the table refuses updates and deletes', async () => {
    await expect(t.rows(`UPDATE audit_event SET action = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(t.rows('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    expect(await t.rows(`SELECT action FROM audit_event WHERE entity_type = 'Thing'`)).toEqual([{ action: 'thing.kept' }]);
  });

  it('lists events by entity and action, newest first, in pages', async () => {
    for (const n of [1, 2, 3]) {
      await t.transaction((em) => audit.record(em, admin, { action: `widget.step${n}`, entityType: 'Widget', entityId: 'w1', after: { n } }));
    }
    const first = await t.transaction((em) => audit.list(em, { entityType: 'Widget', entityId: 'w1' }, { first: 2, withTotal: true }));
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e) => e.node.action)).toEqual(['widget.step3', 'widget.step2']);
    const rest = await t.transaction((em) =>
      audit.list(em, { entityType: 'Widget', entityId: 'w1' }, { first: 2, after: first.pageInfo.endCursor!, withTotal: false }),
    );
    expect(rest.edges.map((e) => e.node.action)).toEqual(['widget.step1']);
    const only = await t.transaction((em) => audit.list(em, { actions: ['widget.step2'] }, { first: 10, withTotal: false }));
    expect(only.edges.map((e) => e.node.after)).toEqual([{ n: 2 }]);
  });
});
