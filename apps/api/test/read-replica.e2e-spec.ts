import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { runMigrations } from '@mkt/database';
import { MIGRATIONS } from '../src/migrations';
import { createPublishedOffer, registerProvider } from './harness/factories';
import { createTestDatabase, dropTestDatabase, expectOk, startTestApp, TestApp } from './harness/test-app';

/**
 * With DATABASE_REPLICA_URL, spend reports read the replica while everything else reads and
 * writes the primary. Here the "replica" is a separate, empty database, so a report that reads it
 * sees none of what was just written to the primary.
 */
describe('read replica for spend reports', () => {
  let app: TestApp;
  let replicaUrl: string;

  beforeAll(async () => {
    replicaUrl = await createTestDatabase();
    await runMigrations(replicaUrl, MIGRATIONS);
    app = await startTestApp({ DATABASE_REPLICA_URL: replicaUrl });
  });
  afterAll(async () => {
    await app?.close();
    if (replicaUrl) await dropTestDatabase(replicaUrl);
  });

  it('writes and reads orders on the primary, and answers spend from the replica', async () => {
    const admin = await app.token({ roles: [Role.ADMIN] });
    const commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'] });
    const directorate = await app.token({ roles: [Role.DIRECTORATE] });
    expectOk(
      await app.gql(`mutation { setBudget(input: { regionCode: "north-west", financialYear: "2026-27", amount: "50000.00" }) { id } }`, {}, admin),
    );
    const provider = await registerProvider(app);
    const offer = await createPublishedOffer(app, provider, { unitPrice: '850.00' });
    const order = expectOk(
      await app.gql(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
        {
          input: {
            offerId: offer.id,
            pduCode: 'liverpool-north',
            quantity: 2,
            startDate: '2026-05-01',
            endDate: '2026-07-31',
            idempotencyKey: randomUUID(),
          },
        },
        commissioner,
      ),
    ).placeOrder;
    expectOk(await app.gql(`mutation ($id: ID!) { acceptOrder(id: $id) { id } }`, { id: order.id }, provider.token));

    // The primary holds the contract and its commitment...
    expect(expectOk(await app.gql(`{ contracts(first: 10) { totalCount } }`, {}, directorate)).contracts.totalCount).toBe(1);
    const primary = await app.pool.query(`SELECT coalesce(sum(committed_pence), 0)::text AS c FROM spend_provider_quarter`);
    expect(primary.rows[0].c).toBe('170000');
    // ...and spend, read from the (empty) replica, shows none of it.
    const spend = expectOk(
      await app.gql(`{ spend(groupBy: [REGION]) { rows { regionCode } totals { committed { amount } contracts } } }`, {}, directorate),
    ).spend;
    expect(spend).toEqual({ rows: [], totals: { committed: { amount: '0.00' }, contracts: 0 } });
  });
});
