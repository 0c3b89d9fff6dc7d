import { Role } from '@mkt/auth';
import { createPublishedOffer, offerInput, registerProvider } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';
import { gqlTyped } from './harness/typed-gql';
import {
  AuditTrailDocument,
  CreateOfferIdDocument,
  type CreateServiceOfferInput,
  OrganisationDocument,
  PublishOfferIdDocument,
  RepriceOfferToOnePoundDocument,
  type UpdateOrganisationInput,
  UpdateOrganisationDocument,
  WithdrawOfferDocument,
} from './operations/generated';

/**
 * Rules on what providers and admins may change: partial organisation updates and re-verification,
 * who may re-price an offer, and personal identifiers hidden behind Unicode tricks.
 */
describe('provider rules', () => {
  let app: TestApp;
  let admin: string;
  let auditor: string;

  const update = (id: string, input: UpdateOrganisationInput, token: string) => gqlTyped(app, UpdateOrganisationDocument, { id, input }, token);
  const organisationOf = async (id: string) => expectOk(await gqlTyped(app, OrganisationDocument, { id }, admin)).organisation;
  const auditActions = async (entityType: string, entityId: string) =>
    expectOk(await gqlTyped(app, AuditTrailDocument, { filter: { entityType, entityId } }, auditor)).auditEvents.edges.map((e) => e.node);

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.token({ roles: [Role.ADMIN], sub: 'admin-ada' });
    auditor = await app.token({ roles: [Role.AUDITOR], sub: 'auditor-al' });
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('updateOrganisation', () => {
    it('changes only the fields sent', async () => {
      const provider = await registerProvider(app, { regionCodes: ['north-west', 'wales'] });
      const before = await organisationOf(provider.id);
      const updated = expectOk(await update(provider.id, { contactEmail: 'tenders@example.org' }, provider.token)).updateOrganisation;
      expect(updated).toEqual({ ...before, contactEmail: 'tenders@example.org' });
      expect(updated.regionCodes).toEqual(['north-west', 'wales']);
      // An explicit empty list is a change, and is kept.
      expect(expectOk(await update(provider.id, { regionCodes: [] }, admin)).updateOrganisation.regionCodes).toEqual([]);
      expect(expectOk(await update(provider.id, { legalName: 'Renamed Trust (synthetic)' }, admin)).updateOrganisation.regionCodes).toEqual([]);
    });

    it('refuses an explicit null for a required field, naming it, and changes nothing', async () => {
      const provider = await registerProvider(app);
      const before = await organisationOf(provider.id);
      for (const field of ['legalName', 'organisationType', 'incomeBand', 'regionCodes', 'contactEmail']) {
        const result = await update(provider.id, { [field]: null }, provider.token);
        expect({ field, code: errorCode(result) }).toEqual({ field, code: 'BAD_USER_INPUT' });
        expect(result.errors![0].message).toContain(field);
      }
      expect(await organisationOf(provider.id)).toEqual(before);
    });

    it("unverifies a provider that changes its own income band or type, and audits why; an admin's change keeps it verified", async () => {
      const changes: UpdateOrganisationInput[] = [{ incomeBand: 'FROM_1M_TO_10M' }, { organisationType: 'CHARITABLE_INCORPORATED_ORGANISATION' }];
      for (const change of changes) {
        const provider = await registerProvider(app);
        expect((await organisationOf(provider.id)).verified).toBe(true);
        const updated = expectOk(await update(provider.id, change, provider.token)).updateOrganisation;
        expect(updated).toMatchObject({ ...change, verified: false });
        const trail = await auditActions('Organisation', provider.id);
        const lapsed = trail.find((e) => e.action === 'organisation.verificationLapsed');
        expect(lapsed).toMatchObject({ actorSub: `bid-manager-${provider.identifier}`, before: { verified: true }, after: { verified: false } });
        expect((lapsed!.after as { changedFields: string[] }).changedFields).toEqual(Object.keys(change));
        // Publishing now waits for an admin to check again.
        const draft = expectOk(
          await gqlTyped(app, CreateOfferIdDocument, { input: offerInput() as CreateServiceOfferInput }, provider.token),
        ).createServiceOffer;
        expect(errorCode(await gqlTyped(app, PublishOfferIdDocument, { id: draft.id }, provider.token))).toBe('ORGANISATION_NOT_VERIFIED');
      }
      const checked = await registerProvider(app);
      expect(expectOk(await update(checked.id, { incomeBand: 'OVER_10M' }, admin)).updateOrganisation).toMatchObject({
        incomeBand: 'OVER_10M',
        verified: true,
      });
      // Sending the same band again is not a change.
      expect(expectOk(await update(checked.id, { incomeBand: 'OVER_10M' }, checked.token)).updateOrganisation.verified).toBe(true);
    });
  });

  describe('offers', () => {
    const reprice = (id: string, token: string) => gqlTyped(app, RepriceOfferToOnePoundDocument, { id }, token);

    it("refuses an ADMIN re-pricing a provider's offer; the provider still can, and the admin may still withdraw it", async () => {
      const provider = await registerProvider(app);
      const offer = await createPublishedOffer(app, provider);
      const refused = await reprice(offer.id, admin);
      expect(errorCode(refused)).toBe('FORBIDDEN');
      const { rows } = await app.pool.query('SELECT version, unit_price_pence::text AS price FROM service_offer WHERE id = $1', [offer.id]);
      expect(rows[0]).toEqual({ version: 1, price: '85000' });
      const versions = await app.pool.query('SELECT count(*)::int AS n FROM service_offer_version WHERE offer_id = $1', [offer.id]);
      expect(versions.rows[0].n).toBe(1);

      // An admin who is also a provider of another organisation still cannot touch it.
      const other = await registerProvider(app);
      const both = await app.token({ roles: [Role.ADMIN, Role.PROVIDER], org: other.identifier, sub: 'admin-and-provider' });
      expect(errorCode(await reprice(offer.id, both))).toBe('NOT_FOUND');

      expect(expectOk(await reprice(offer.id, provider.token)).updateServiceOffer).toMatchObject({ version: 2, unitPrice: { amount: '1.00' } });
      expect(expectOk(await gqlTyped(app, WithdrawOfferDocument, { id: offer.id }, admin)).withdrawServiceOffer.status).toBe('WITHDRAWN');
    });

    it('refuses a personal identifier hidden by fullwidth digits or zero-width spaces', async () => {
      const provider = await registerProvider(app);
      const create = (summary: string) =>
        gqlTyped(app, CreateOfferIdDocument, { input: offerInput({ summary }) as CreateServiceOfferInput }, provider.token);
      for (const summary of ['Worked with X\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16 on housing', 'Worked with X12\u200B34\u200B56 on housing']) {
        const result = await create(summary);
        expect(errorCode(result)).toBe('BAD_USER_INPUT');
        expect(result.errors![0].message).toContain('case reference number');
      }
      const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM service_offer WHERE provider_id = $1', [provider.id]);
      expect(rows[0].n).toBe(0);
    });
  });
});
