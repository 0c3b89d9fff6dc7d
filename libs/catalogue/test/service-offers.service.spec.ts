import { RequestLoaders } from '@mkt/common';
import { CatalogueErrorCode, CatalogueModule, OfferStatus, ServiceOffersService } from '@mkt/catalogue';
import { OrganisationsService } from '@mkt/organisations';
import { attempt, LibTest, offerInput, principals, ProviderFixture, publishedOffer, registerProvider, startLibTest } from '@mkt/testing';

describe('ServiceOffersService (real PostgreSQL)', () => {
  let t: LibTest;
  let offers: ServiceOffersService;
  let provider: ProviderFixture;

  beforeAll(async () => {
    t = await startLibTest({ imports: [CatalogueModule] });
    offers = t.get(ServiceOffersService);
    provider = await registerProvider(t.get(OrganisationsService));
  });
  afterAll(() => t?.close());

  it('publishes only for a verified organisation', async () => {
    const unverified = await registerProvider(t.get(OrganisationsService), { verified: false });
    const draft = await offers.create(unverified.actor, offerInput());
    await expect(attempt(() => offers.publish(unverified.actor, draft.id))).rejects.toMatchObject({
      code: CatalogueErrorCode.ORGANISATION_NOT_VERIFIED,
    });
    expect(await t.rows('SELECT status FROM service_offer WHERE id = $1', [draft.id])).toEqual([{ status: 'DRAFT' }]);
  });

  it('edits a draft in place but versions a published offer, keeping the old version readable', async () => {
    const draft = await offers.create(provider.actor, offerInput());
    const edited = await offers.update(provider.actor, draft.id, { unitPrice: '900.00' });
    expect(edited.version).toBe(1);
    await offers.publish(provider.actor, draft.id);
    const next = await offers.update(provider.actor, draft.id, { unitPrice: '950.00' });
    expect(next).toMatchObject({ version: 2, status: OfferStatus.PUBLISHED });
    const versions = await t.rows('SELECT version, unit_price_pence FROM service_offer_version WHERE offer_id = $1 ORDER BY version', [draft.id]);
    expect(versions).toEqual([
      { version: 1, unit_price_pence: '90000' },
      { version: 2, unit_price_pence: '95000' },
    ]);
    const v1 = await t.transaction((em) => offers.version(em, draft.id, 1));
    expect(v1?.unitPrice.amount).toBe('900.00');
  });

  it('refuses to withdraw twice, and an ADMIN may not rewrite a provider’s offer', async () => {
    const offer = await publishedOffer(offers, provider);
    await expect(attempt(() => offers.update(principals.admin(), offer.id, { title: 'Rewritten by an admin' }))).rejects.toMatchObject({
      code: CatalogueErrorCode.NOT_FOUND,
    });
    await offers.withdraw(provider.actor, offer.id);
    await expect(attempt(() => offers.withdraw(provider.actor, offer.id))).rejects.toMatchObject({ code: CatalogueErrorCode.INVALID_STATE });
    const actions = await t.rows('SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq', [offer.id]);
    expect(actions.map((a) => a.action)).toEqual(['serviceOffer.created', 'serviceOffer.published', 'serviceOffer.withdrawn']);
  });

  it('shows commissioners published offers only, and providers their own drafts', async () => {
    const draft = await offers.create(provider.actor, offerInput({ title: 'Draft mentoring service' }));
    const commissioner = principals.commissioner('north-west');
    await expect(attempt(() => offers.get(commissioner, new RequestLoaders(), draft.id))).rejects.toMatchObject({
      code: CatalogueErrorCode.NOT_FOUND,
    });
    expect((await offers.get(provider.actor, new RequestLoaders(), draft.id)).status).toBe(OfferStatus.DRAFT);
    const found = await offers.search(commissioner, new RequestLoaders(), {}, { first: 50, withTotal: false });
    expect(found.edges.length).toBeGreaterThan(0);
    expect(found.edges.every((e) => e.node.status === OfferStatus.PUBLISHED)).toBe(true);
  });
});
