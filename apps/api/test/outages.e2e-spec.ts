import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { createPublishedOffer, ProviderHandle, registerProvider } from './harness/factories';
import { awardContract, ContractHandle, recordPayment, setBudget } from './harness/contract-factories';
import { expectOk, GqlResult, startTestApp, TestApp } from './harness/test-app';

/**
 * A database connection killed while a request waits on it (pg_terminate_backend from the test's
 * own pool) is an outage: whatever path the error takes (root resolver, field resolver through a
 * DataLoader, either executor, a service that looks something up by id, a plain HTTP route) the
 * client gets a retryable SERVICE_UNAVAILABLE, never NOT_FOUND or INTERNAL_SERVER_ERROR.
 */
const RETRY_MESSAGE = 'The service is briefly unavailable; nothing was saved. Try again.';

function expectAllRetryable(result: GqlResult): void {
  expect(result.errors?.length).toBeGreaterThan(0);
  for (const error of result.errors ?? []) {
    expect(error).toMatchObject({ message: RETRY_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
  }
  expect(JSON.stringify(result.errors)).not.toMatch(/terminat|57P01|SELECT|NOT_FOUND|INTERNAL/);
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

/**
 * What the app's backend must be waiting on before it is killed, so the kill hits the step under
 * test and not an earlier one: a table lock (taken while a statement is parsed, when
 * pg_stat_activity still shows the previous statement) or a row lock in a statement containing
 * this text.
 */
type WaitingOn = { table: string } | { statement: string }; // table: one name or several, comma-separated

/** Holds `lockSql` in an open transaction, starts `request`, kills the app's backend once it waits. */
async function killWhileWaiting<T>(app: TestApp, lockSql: string, params: unknown[], waitingOn: WaitingOn, request: () => Promise<T>): Promise<T> {
  const blocker = await app.pool.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query(lockSql, params);
    let finished: unknown;
    const pending = request().then((value) => (finished = value));
    const pid = await waitFor(`the app to wait on ${JSON.stringify(waitingOn)}`, async () => {
      const { rows } = await blocker.query(
        `SELECT DISTINCT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
         WHERE a.datname = current_database() AND a.application_name = 'mkt-api'
           AND (l.relation::regclass::text = ANY(string_to_array($1, ',')) OR ($2 <> '' AND position($2 in a.query) > 0))`,
        ['table' in waitingOn ? waitingOn.table : '-', 'statement' in waitingOn ? waitingOn.statement : ''],
      );
      if (finished !== undefined && !rows.length) throw new Error(`The request finished before it waited: ${await summary(finished)}`);
      return rows[0]?.pid as number | undefined;
    });
    await blocker.query('SELECT pg_terminate_backend($1)', [pid]);
    return await pending;
  } finally {
    await blocker.query('ROLLBACK');
    blocker.release();
  }
}

async function summary(value: unknown): Promise<string> {
  return value instanceof Response ? `HTTP ${value.status} ${await value.clone().text()}` : JSON.stringify(value);
}

const LOCK_ORGANISATIONS = 'LOCK TABLE organisation IN ACCESS EXCLUSIVE MODE';

describe.each(['jit', 'graphql-js'])('a killed connection on GraphQL reads (%s executor)', (executor) => {
  let app: TestApp;
  let commissioner: string;
  let provider: ProviderHandle;
  beforeAll(async () => {
    app = await startTestApp({ GRAPHQL_EXECUTOR: executor });
    commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'commissioner-outage' });
    provider = await registerProvider(app, { legalName: 'Outage Charity' });
    await createPublishedOffer(app, provider);
    await createPublishedOffer(app, provider);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a lookup by id: SERVICE_UNAVAILABLE, and the next request succeeds', async () => {
    const lookup = () => app.gql(`query ($id: ID!) { organisation(id: $id) { id legalName } }`, { id: provider.id }, commissioner);
    const result = await killWhileWaiting(app, LOCK_ORGANISATIONS, [], { table: 'organisation' }, lookup);
    expect(result.data).toBeNull();
    expectAllRetryable(result);
    expect(expectOk(await lookup()).organisation.legalName).toBe('Outage Charity');
  });

  it('a field resolved through a DataLoader: every error SERVICE_UNAVAILABLE', async () => {
    const offers = () => app.gql(`{ serviceOffers(first: 10) { edges { node { id provider { legalName } } } } }`, {}, commissioner);
    const result = await killWhileWaiting(app, LOCK_ORGANISATIONS, [], { table: 'organisation' }, offers);
    expectAllRetryable(result);
    expect(result.errors?.every((e) => e.path?.includes('provider'))).toBe(true);
    const names = expectOk(await offers()).serviceOffers.edges.map((e: { node: { provider: { legalName: string } } }) => e.node.provider.legalName);
    expect(names).toEqual(['Outage Charity', 'Outage Charity']);
  });
});

describe('a killed connection where a service looks something up inside a mutation', () => {
  let app: TestApp;
  let commissioner: string;
  let provider: ProviderHandle;
  let awarded: ContractHandle;
  let offerId: string;
  beforeAll(async () => {
    app = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0' });
    commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'commissioner-lookup' });
    provider = await registerProvider(app);
    await setBudget(app, 'north-west', '2026-27', '100000.00');
    offerId = (await createPublishedOffer(app, provider, { unitPrice: '100.00' })).id;
    awarded = await awardContract(app, commissioner, provider, {
      offerId,
      pduCode: 'liverpool-north',
      quantity: 2,
      startDate: '2026-05-01',
      endDate: '2026-07-31',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("declining an order while the provider's organisation is read: SERVICE_UNAVAILABLE, the order unchanged", async () => {
    const order = expectOk(
      await app.gql(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`,
        { input: { offerId, pduCode: 'liverpool-north', quantity: 1, startDate: '2026-06-01', endDate: '2026-06-30', idempotencyKey: randomUUID() } },
        commissioner,
      ),
    ).placeOrder;
    const decline = () =>
      app.gql(`mutation ($id: ID!) { declineOrder(id: $id, reason: "No places left this month") { id status } }`, { id: order.id }, provider.token);
    const result = await killWhileWaiting(app, LOCK_ORGANISATIONS, [], { table: 'organisation' }, decline);
    expectAllRetryable(result);
    const { rows } = await app.pool.query('SELECT status FROM service_order WHERE id = $1', [order.id]);
    expect(rows[0].status).toBe('SUBMITTED');
    expect(expectOk(await decline()).declineOrder.status).toBe('DECLINED');
  });

  it('reversing a payment while its contract is locked: SERVICE_UNAVAILABLE, nothing reversed', async () => {
    const payment = await recordPayment(app, commissioner, {
      contractId: awarded.id,
      period: awarded.schedule[0].period,
      kind: 'FIXED',
      amount: '10.00',
      paidOn: '2026-06-30', // in arrears: the period's last day
    });
    const key = randomUUID();
    const reverse = () =>
      app.gql(
        `mutation ($input: ReversePaymentInput!) { reversePayment(input: $input) { id amount { amount } } }`,
        { input: { paymentId: payment.id, reason: 'Paid to the wrong account', idempotencyKey: key } },
        commissioner,
      );
    const result = await killWhileWaiting(
      app,
      'SELECT 1 FROM contract WHERE id = $1 FOR UPDATE',
      [awarded.id],
      { statement: 'FROM contract c' },
      reverse,
    );
    expectAllRetryable(result);
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM payment WHERE contract_id = $1', [awarded.id]);
    expect(rows[0].n).toBe(1);
    expect(expectOk(await reverse()).reversePayment.amount.amount).toBe('-10.00');
  });
});

describe('a killed connection on plain HTTP routes', () => {
  let app: TestApp;
  let directorate: string;
  beforeAll(async () => {
    app = await startTestApp();
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'directorate-outage' });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function expectRetryableHttp(response: Response): Promise<void> {
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', retryable: true, message: RETRY_MESSAGE, requestId: response.headers.get('x-request-id') },
    });
    expect(text).not.toMatch(/terminat|57P01|SELECT/);
  }

  it('the spend CSV export: 503 SERVICE_UNAVAILABLE before any of the file is sent', async () => {
    const download = () => fetch(`${app.url}/exports/spend.csv?groupBy=REGION`, { headers: { authorization: `Bearer ${directorate}` } });
    const response = await killWhileWaiting(
      app,
      'LOCK TABLE spend_provider_quarter, spend_contract_quarter IN ACCESS EXCLUSIVE MODE',
      [],
      { table: 'spend_provider_quarter,spend_contract_quarter' },
      download,
    );
    await expectRetryableHttp(response);
    expect((await download()).status).toBe(200);
  });

  it('the public publications list: 503 SERVICE_UNAVAILABLE', async () => {
    const list = () => fetch(`${app.url}/publications/supply-chain`);
    const response = await killWhileWaiting(
      app,
      'LOCK TABLE supply_chain_publication IN ACCESS EXCLUSIVE MODE',
      [],
      { table: 'supply_chain_publication' },
      list,
    );
    await expectRetryableHttp(response);
    // Recovers by itself: a bounded wait, since on a loaded machine the next request can still meet the
    // dying backend's aftermath once (seen in a full run; not reproduced alone).
    const recovered = await waitFor(
      'the publications list to answer again',
      async () => {
        const again = await list();
        return again.status === 200 ? await again.json() : undefined;
      },
      5_000,
    );
    expect(recovered).toEqual({ publications: [] });
  });

  it('an error that is not an outage stays a masked 500 (the filter hands it to Nest)', async () => {
    await app.pool.query('ALTER TABLE supply_chain_publication RENAME TO supply_chain_publication_moved');
    let response: Response;
    try {
      response = await fetch(`${app.url}/publications/supply-chain`);
    } finally {
      await app.pool.query('ALTER TABLE supply_chain_publication_moved RENAME TO supply_chain_publication');
    }
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ statusCode: 500, message: 'Internal server error' });
  });
});
