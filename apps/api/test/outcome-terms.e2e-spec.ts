import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { setBudget } from './harness/contract-factories';
import { createPublishedOffer, registerProvider } from './harness/factories';
import { errorCode, expectOk, GqlResult, startTestApp, TestApp } from './harness/test-app';

const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) {
  id outcomeSharePercent outcomeTargets { measureCode baseline target kind direction } } }`;

/** Outcome terms that cannot pay for deterioration, and the outcome share by the provider's income band. */
describe('outcome terms', () => {
  let app: TestApp;
  let cara: string;
  let offerOf: Record<string, string>;

  const place = (offer: string, extra: Record<string, unknown> = {}) =>
    app.gql(
      PLACE,
      {
        input: {
          offerId: offer,
          pduCode: 'liverpool-north',
          quantity: 2,
          startDate: '2026-05-01',
          endDate: '2026-07-31',
          idempotencyKey: randomUUID(),
          ...extra,
        },
      },
      cara,
    );
  const message = (result: GqlResult) => result.errors?.[0]?.message ?? '';

  beforeAll(async () => {
    app = await startTestApp();
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    const admin = await app.token({ roles: [Role.ADMIN], sub: 'admin' });
    await setBudget(app, 'north-west', '2026-27', '100000.00');
    expectOk(
      await app.gql(
        `mutation ($input: CreateOutcomeMeasureInput!) { createOutcomeMeasure(input: $input) { code } }`,
        {
          input: {
            code: 'TST-LOW',
            name: 'Share of people recalled to custody',
            description: 'Synthetic lower-is-better measure for tests',
            unit: 'share of completed referrals',
            direction: 'LOWER_IS_BETTER',
            categories: ['ACCOMMODATION'],
          },
        },
        admin,
      ),
    );
    offerOf = {};
    for (const band of ['UNDER_100K', 'FROM_100K_TO_1M', 'OVER_10M']) {
      const provider = await registerProvider(app, { incomeBand: band, regionCodes: ['north-west'] });
      offerOf[band] = (await createPublishedOffer(app, provider, { unitPrice: '500.00' })).id;
    }
    const lowProvider = await registerProvider(app, { incomeBand: 'OVER_10M', regionCodes: ['north-west'] });
    offerOf.low = (
      await createPublishedOffer(app, lowProvider, { unitPrice: '500.00', outcomeCommitments: [{ measureCode: 'TST-LOW', expectedRate: 0.2 }] })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a target on the wrong side of its baseline', async () => {
    const wrong = await place(offerOf.OVER_10M, { outcomeTargets: [{ measureCode: 'ACC-03', baseline: 0.5, target: 0.4 }] });
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(message(wrong)).toMatch(/ACC-03 \(0\.4\) must be above its baseline \(0\.5\)/);
    // Equal is not an improvement either: it is a maintain target, said so.
    expect(message(await place(offerOf.OVER_10M, { outcomeTargets: [{ measureCode: 'ACC-03', baseline: 0.5, target: 0.5 }] }))).toMatch(
      /MAINTAIN_AT_LEAST/,
    );
  });

  it('takes a maintain-at-least target only at its baseline', async () => {
    const held = expectOk(
      await place(offerOf.OVER_10M, { outcomeTargets: [{ measureCode: 'ACC-03', baseline: 0.5, target: 0.5, kind: 'MAINTAIN_AT_LEAST' }] }),
    ).placeOrder;
    expect(held.outcomeTargets).toEqual([
      { measureCode: 'ACC-03', baseline: 0.5, target: 0.5, kind: 'MAINTAIN_AT_LEAST', direction: 'HIGHER_IS_BETTER' },
    ]);
    expect(
      errorCode(
        await place(offerOf.OVER_10M, { outcomeTargets: [{ measureCode: 'ACC-03', baseline: 0.5, target: 0.6, kind: 'MAINTAIN_AT_LEAST' }] }),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it("takes baselines from the commissioner, not the provider's expected rate", async () => {
    // The offer's expected rate (0.5) is the default target; the commissioner's baseline for ACC-03 is 0.55: no improvement.
    const refused = await place(offerOf.OVER_10M, { outcomeBaselines: [{ measureCode: 'ACC-03', baseline: 0.55 }] });
    expect(message(refused)).toMatch(/give outcomeTargets/);
    const placed = expectOk(await place(offerOf.OVER_10M, { outcomeBaselines: [{ measureCode: 'ACC-03', baseline: 0.3 }] })).placeOrder;
    expect(placed.outcomeTargets).toMatchObject([{ measureCode: 'ACC-03', baseline: 0.3, target: 0.5, kind: 'IMPROVE' }]);
    // A lower-is-better measure has no safe default baseline.
    expect(message(await place(offerOf.low))).toMatch(/TST-LOW is lower-is-better: give the commissioner's current rate/);
    const low = expectOk(await place(offerOf.low, { outcomeBaselines: [{ measureCode: 'TST-LOW', baseline: 0.3 }] })).placeOrder;
    expect(low.outcomeTargets).toMatchObject([{ measureCode: 'TST-LOW', baseline: 0.3, target: 0.2, direction: 'LOWER_IS_BETTER' }]);
  });

  it("defaults the outcome share by the provider's income band and caps it", async () => {
    expect(expectOk(await place(offerOf.UNDER_100K)).placeOrder.outcomeSharePercent).toBe(0);
    expect(expectOk(await place(offerOf.UNDER_100K, { outcomeSharePercent: 10 })).placeOrder.outcomeSharePercent).toBe(10);
    const capped = await place(offerOf.UNDER_100K, { outcomeSharePercent: 20 });
    expect(errorCode(capped)).toBe('BAD_USER_INPUT');
    expect(message(capped)).toMatch(/above the 10% cap/);
    expect(expectOk(await place(offerOf.FROM_100K_TO_1M)).placeOrder.outcomeSharePercent).toBe(20);
    expect(expectOk(await place(offerOf.OVER_10M, { outcomeSharePercent: 50 })).placeOrder.outcomeSharePercent).toBe(50);
  });
});
