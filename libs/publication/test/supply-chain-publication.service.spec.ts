import { createHash } from 'node:crypto';
import { ServiceOffersService } from '@mkt/catalogue';
import { BudgetAllocationService, OrderingModule, OrdersService } from '@mkt/ordering';
import { OrganisationsService } from '@mkt/organisations';
import { PublicationErrorCode, PublicationModule, SupplyChainPublicationService } from '@mkt/publication';
import {
  acceptedOrder,
  attempt,
  LibTest,
  northWestBudget,
  orderInput,
  principals,
  publishedOffer,
  registerProvider,
  startLibTest,
} from '@mkt/testing';

/** A contract from May to July 2026 is active in 2026-27 Q1 (April to June), a quarter that has ended. */
describe('SupplyChainPublicationService (real PostgreSQL)', () => {
  let t: LibTest;
  let publication: SupplyChainPublicationService;
  const directorate = principals.directorate();

  beforeAll(async () => {
    t = await startLibTest({ imports: [OrderingModule, PublicationModule], env: { ORDER_EXPIRY_SWEEP_SECONDS: '0' } });
    publication = t.get(SupplyChainPublicationService);
    const provider = await registerProvider(t.get(OrganisationsService));
    const offer = await publishedOffer(t.get(ServiceOffersService), provider);
    await northWestBudget(t.get(BudgetAllocationService), '10000.00');
    await acceptedOrder(t.get(OrdersService), principals.commissioner('north-west'), provider.actor, orderInput(offer.id));
  });
  afterAll(() => t?.close());

  it('publishes a quarter once; a second publication is a correction with a reason, superseding the first', async () => {
    const first = await publication.publish(directorate, '2026-27', 1);
    expect(first).toMatchObject({ revision: 1, contracts: 1, supersedesId: null, correctionReason: null });
    await expect(attempt(() => publication.publish(directorate, '2026-27', 1))).rejects.toMatchObject({ code: PublicationErrorCode.BAD_USER_INPUT });
    const correction = await publication.publish(directorate, '2026-27', 1, 'Subcontractor funding was missing');
    expect(correction).toMatchObject({ revision: 2, supersedesId: first.id, correctionReason: 'Subcontractor funding was missing' });
    expect((await publication.list()).map((p) => p.revision)).toEqual([2, 1]);
    const actions = await t.rows(`SELECT action FROM audit_event WHERE entity_type = 'SupplyChainPublication' ORDER BY seq`);
    expect(actions.map((a) => a.action)).toEqual(['supplyChain.published', 'supplyChain.corrected']);
  });

  it('serves the stored package as published, with its hash', async () => {
    const latest = await publication.document('2026-27', 1, 'json');
    expect(latest.publication.revision).toBe(2);
    expect(createHash('sha256').update(latest.body).digest('hex')).toBe(latest.publication.sha256);
    const package1 = JSON.parse((await publication.document('2026-27', 1, 'json', 1)).body) as { releases: unknown[] };
    expect(package1.releases).toHaveLength(1);
    await expect(attempt(() => publication.document('2026-27', 1, 'json', 3))).rejects.toMatchObject({ code: PublicationErrorCode.NOT_FOUND });
  });

  it('refuses a quarter that has not ended, or one with no active contract', async () => {
    await expect(attempt(() => publication.publish(directorate, '2040-41', 1))).rejects.toMatchObject({
      code: PublicationErrorCode.QUARTER_NOT_ENDED,
    });
    await expect(attempt(() => publication.publish(directorate, '2025-26', 4))).rejects.toMatchObject({
      code: PublicationErrorCode.NOTHING_TO_PUBLISH,
    });
    expect(await t.rows(`SELECT count(*)::int AS n FROM supply_chain_publication WHERE financial_year <> '2026-27'`)).toEqual([{ n: 0 }]);
  });
});
