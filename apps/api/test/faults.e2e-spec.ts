import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Role } from '@mkt/auth';
import { EmbeddedPostgres } from '@mkt/database';
import { freePort } from './harness/global-setup';
import { randomUUID } from 'node:crypto';
import { createPublishedOffer, registerProvider } from './harness/factories';
import { errorCode, expectOk, GqlResult, startTestApp, TestApp } from './harness/test-app';

/**
 * Database faults: a connection killed in the middle of a transaction, and the whole server
 * stopped and started while the app runs. Nothing half-written, a retryable error, recovery without
 * a restart.
 */
const UPDATE = `mutation ($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id legalName } }`;

function expectRetryable(result: GqlResult): void {
  expect(result.data).toBeNull();
  expect(result.errors).toHaveLength(1);
  expect(result.errors?.[0]).toMatchObject({
    message: 'The service is briefly unavailable; nothing was saved. Try again.',
    extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, requestId: expect.any(String) },
  });
  expect(JSON.stringify(result.errors)).not.toMatch(/terminat|ECONN|57P01|SELECT|UPDATE|INSERT/);
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('a connection killed mid-transaction', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.token({ roles: [Role.ADMIN], sub: 'admin-faults' });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Holds `lockSql` in an open transaction, starts the update, kills the app's backend once it waits. */
  async function killUpdateWaitingOn(lockSql: string, params: unknown[], orgId: string): Promise<GqlResult> {
    const blocker = await app.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(lockSql, params);
      const pending = app.gql(UPDATE, { id: orgId, input: { legalName: 'Half Written Ltd' } }, admin);
      const pid = await waitFor('the app to wait on the lock', async () => {
        const { rows } = await blocker.query(
          `SELECT pid FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'mkt-api' AND wait_event_type = 'Lock'`,
        );
        return rows[0]?.pid as number | undefined;
      });
      await blocker.query('SELECT pg_terminate_backend($1)', [pid]);
      return await pending;
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
  }

  async function stateOf(orgId: string) {
    const org = await app.pool.query('SELECT legal_name, updated_at FROM organisation WHERE id = $1', [orgId]);
    const audit = await app.pool.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [orgId]);
    return { org: org.rows[0], actions: audit.rows.map((r) => r.action) };
  }

  it('while it waits for a row lock: retryable error, nothing changed, the next request succeeds', async () => {
    const provider = await registerProvider(app, { legalName: 'Steady Charity' });
    const before = await stateOf(provider.id);

    const result = await killUpdateWaitingOn('SELECT 1 FROM organisation WHERE id = $1 FOR UPDATE', [provider.id], provider.id);
    expectRetryable(result);
    expect(await stateOf(provider.id)).toEqual(before);

    const retried = await app.gql(UPDATE, { id: provider.id, input: { legalName: 'Steady Charity Trust' } }, admin);
    expect(expectOk(retried).updateOrganisation.legalName).toBe('Steady Charity Trust');
  });

  it('after its UPDATE ran, while the audit insert waits: the update is rolled back with it', async () => {
    const provider = await registerProvider(app, { legalName: 'Careful Charity' });
    const before = await stateOf(provider.id);
    expect(before.actions).toEqual(['organisation.registered', 'organisation.verified']);

    // The app's transaction locks and updates the organisation row, then blocks on the audit insert.
    const result = await killUpdateWaitingOn('LOCK TABLE audit_event IN SHARE MODE', [], provider.id);
    expectRetryable(result);
    expect(await stateOf(provider.id)).toEqual(before);

    // Every pooled connection still works: several requests at once, all succeed.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => app.gql(UPDATE, { id: provider.id, input: { legalName: `Careful Charity ${i}` } }, admin)),
    );
    expect(results.map(errorCode)).toEqual(Array(12).fill(undefined));
    expect((await stateOf(provider.id)).actions.filter((a) => a === 'organisation.updated')).toHaveLength(12);
  });

  it('placing an order killed while it waits for the budget row: no order, no audit event, no reservation', async () => {
    const provider = await registerProvider(app);
    const offer = await createPublishedOffer(app, provider, { unitPrice: '250.00' });
    const commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'commissioner-faults' });
    const budget = expectOk(
      await app.gql(`mutation { setBudget(input: { regionCode: "north-west", financialYear: "2026-27", amount: "10000.00" }) { id } }`, {}, admin),
    ).setBudget.id as string;
    const counts = async () =>
      (
        await app.pool.query(
          `SELECT (SELECT count(*)::int FROM service_order) AS orders,
                  (SELECT count(*)::int FROM audit_event WHERE action = 'order.placed') AS events,
                  (SELECT reserved_pence::text FROM budget WHERE id = $1) AS reserved`,
          [budget],
        )
      ).rows[0];
    const before = await counts();
    const key = randomUUID();
    const place = () =>
      app.gql(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`,
        {
          input: { offerId: offer.id, pduCode: 'liverpool-north', quantity: 4, startDate: '2026-06-01', endDate: '2026-06-30', idempotencyKey: key },
        },
        commissioner,
      );
    // The order row and its audit event are written first; the reservation waits on the locked budget row.
    const blocker = await app.pool.connect();
    let result: GqlResult;
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM budget WHERE id = $1 FOR UPDATE', [budget]);
      const pending = place();
      const pid = await waitFor('the order to wait on the budget', async () => {
        const { rows } = await blocker.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'mkt-api' AND wait_event_type = 'Lock'`,
        );
        return rows[0]?.pid as number | undefined;
      });
      await blocker.query('SELECT pg_terminate_backend($1)', [pid]);
      result = await pending;
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    expectRetryable(result);
    expect(await counts()).toEqual(before);
    // The client retries with the same idempotency key: one order, reserved once.
    expect(expectOk(await place()).placeOrder.status).toBe('SUBMITTED');
    expect(expectOk(await place()).placeOrder.status).toBe('SUBMITTED');
    const after = await counts();
    expect(after.orders).toBe(before.orders + 1);
    expect(BigInt(after.reserved) - BigInt(before.reserved)).toBe(100_000n);
  });
});

describe('the database stopped and started while the app runs', () => {
  let root: string;
  let server: EmbeddedPostgres;
  let app: TestApp;
  beforeAll(async () => {
    // Its own server: the run's shared one must keep running for the other test files.
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-fault-pg-'));
    server = new EmbeddedPostgres({ dataDir: path.join(root, 'pg'), port: await freePort() });
    await server.start();
    app = await startTestApp({}, { databaseUrl: server.url('postgres') });
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  const ready = () => fetch(`${app.url}/health/ready`).then(async (r) => ({ status: r.status, body: await r.json() }));

  it('reports not ready while it is down, recovers by itself, and keeps what was acknowledged', async () => {
    const admin = await app.token({ roles: [Role.ADMIN], sub: 'admin-restart' });
    const acknowledged = await Promise.all([1, 2, 3].map((i) => registerProvider(app, { legalName: `Acknowledged ${i}` })));
    // Orders acknowledged before the stop: each reserved money on the budget.
    const commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'commissioner-restart' });
    expectOk(
      await app.gql(`mutation { setBudget(input: { regionCode: "north-west", financialYear: "2026-27", amount: "100000.00" }) { id } }`, {}, admin),
    );
    const offer = await createPublishedOffer(app, acknowledged[0], { unitPrice: '100.00' });
    const placeOrder = () =>
      app.gql(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`,
        {
          input: {
            offerId: offer.id,
            pduCode: 'liverpool-north',
            quantity: 2,
            startDate: '2026-05-01',
            endDate: '2026-05-31',
            idempotencyKey: randomUUID(),
          },
        },
        commissioner,
      );
    const orders = [];
    for (let i = 0; i < 3; i++) orders.push(expectOk(await placeOrder()).placeOrder.id as string);
    expect(await ready()).toEqual({ status: 200, body: { status: 'ok', database: 'up' } });

    await server.stop();
    expect(await ready()).toEqual({ status: 503, body: { status: 'unavailable', database: 'down' } });
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${app.url}/health`)).status).toBe(503);
    expectRetryable(await app.gql('{ organisations { totalCount } }', {}, admin));
    expectRetryable(await app.gql(UPDATE, { id: acknowledged[0].id, input: { legalName: 'Lost Ltd' } }, admin));
    expectRetryable(await app.gql(`query ($id: ID!) { organisation(id: $id) { id } }`, { id: acknowledged[0].id }, admin));
    expectRetryable(await app.gql(`query ($id: ID!) { order(id: $id) { id } }`, { id: orders[0] }, commissioner));
    expectRetryable(await placeOrder());

    await server.start();
    await waitFor('readiness', async () => ((await ready()).status === 200 ? true : undefined));

    const found = expectOk(await app.gql(`{ organisations(first: 100) { edges { node { id legalName } } } }`, {}, admin));
    const names = new Map(found.organisations.edges.map((e: { node: { id: string; legalName: string } }) => [e.node.id, e.node.legalName]));
    for (const [i, org] of acknowledged.entries()) expect(names.get(org.id)).toBe(`Acknowledged ${i + 1}`);
    const updated = await app.gql(UPDATE, { id: acknowledged[0].id, input: { legalName: 'Acknowledged One Trust' } }, admin);
    expect(expectOk(updated).updateOrganisation.legalName).toBe('Acknowledged One Trust');
    const seen = expectOk(await app.gql(`{ orders(first: 100) { edges { node { id status } } } }`, {}, commissioner)).orders.edges;
    expect(seen.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([...orders].sort());
    const budget = expectOk(await app.gql(`{ budgets { reserved { amount } } }`, {}, commissioner)).budgets[0];
    expect(budget.reserved.amount).toBe('600.00'); // the three acknowledged orders, and nothing of the refused one
    expect(expectOk(await placeOrder()).placeOrder.status).toBe('SUBMITTED');

    // Checked from outside the app too: the rows are in the restarted server.
    const direct = new pg.Client({ connectionString: server.url('postgres') });
    await direct.connect();
    const { rows } = await direct.query('SELECT count(*)::int AS n FROM organisation WHERE id = ANY($1)', [acknowledged.map((o) => o.id)]);
    await direct.end();
    expect(rows[0].n).toBe(3);
  });
});
