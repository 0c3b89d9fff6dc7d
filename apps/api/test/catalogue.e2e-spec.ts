import { Role } from '@mkt/auth';
import { createOffer, createPublishedOffer, offerInput, registerProvider, ProviderHandle } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

const SEARCH = `query ($filter: ServiceOffersFilter, $first: Int, $after: String) {
  serviceOffers(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title version status provider { id legalName } } }
  }
}`;

describe('catalogue: charities publish offers, commissioners find them', () => {
  let app: TestApp;
  let admin: string;
  let commissioner: string;
  let directorate: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.token({ roles: [Role.ADMIN], sub: 'admin-ada' });
    commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'commissioner-cara' });
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dev' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const search = async (filter: Record<string, unknown>, token = commissioner, first = 50) =>
    expectOk(await app.gql(SEARCH, { filter, first }, token)).serviceOffers;

  describe('offer lifecycle', () => {
    let provider: ProviderHandle;
    let offerId: string;

    beforeAll(async () => {
      provider = await registerProvider(app, { verified: false, incomeBand: 'UNDER_100K' });
    });

    it('creates a draft with defaults filled in', async () => {
      const offer = await createOffer(app, provider, { title: 'Peer mentoring for women leaving custody' });
      offerId = offer.id;
      expect(offer).toMatchObject({
        status: 'DRAFT',
        version: 1,
        unitPrice: { amount: '850.00', currency: 'GBP' },
        fundingGapPerUnit: { amount: '150.00' },
        eligibility: { minAge: null, maxAge: null, sexes: ['FEMALE', 'MALE'], riskLevels: ['LOW', 'MEDIUM', 'HIGH'] },
        outcomeCommitments: [{ measureCode: 'ACC-03', expectedRate: 0.5, direction: 'HIGHER_IS_BETTER' }],
      });
      // No PDUs given: every PDU of the chosen region.
      const regions = expectOk(await app.gql(`{ regions { code pdus { code } } }`, {}, commissioner)).regions;
      const northWest = regions.find((r: { code: string }) => r.code === 'north-west');
      expect([...(offer.pduCodes as string[])].sort()).toEqual(northWest.pdus.map((p: { code: string }) => p.code).sort());
    });

    it('refuses to publish before the organisation is verified', async () => {
      const result = await app.gql(`mutation ($id: ID!) { publishServiceOffer(id: $id) { id } }`, { id: offerId }, provider.token);
      expect(errorCode(result)).toBe('ORGANISATION_NOT_VERIFIED');
    });

    it('edits a draft in place, then publishes once verified', async () => {
      const edit = await app.gql(
        `mutation ($id: ID!, $input: UpdateServiceOfferInput!) { updateServiceOffer(id: $id, input: $input) { version title unitPrice { amount } } }`,
        { id: offerId, input: { unitPrice: '900.00' } },
        provider.token,
      );
      expect(expectOk(edit).updateServiceOffer).toEqual({
        version: 1,
        title: 'Peer mentoring for women leaving custody',
        unitPrice: { amount: '900.00' },
      });
      expectOk(await app.gql(`mutation ($id: ID!) { verifyOrganisation(id: $id) { verified } }`, { id: provider.id }, admin));
      const published = expectOk(
        await app.gql(`mutation ($id: ID!) { publishServiceOffer(id: $id) { status version publishedAt } }`, { id: offerId }, provider.token),
      ).publishServiceOffer;
      expect(published.status).toBe('PUBLISHED');
      expect(published.publishedAt).toBeTruthy();
    });

    it('re-versions a published offer: the new version is live, every version is kept', async () => {
      const result = await app.gql(
        `mutation ($id: ID!, $input: UpdateServiceOfferInput!) {
          updateServiceOffer(id: $id, input: $input) { version status capacityPerMonth versions { version capacityPerMonth unitPrice { amount } } } }`,
        { id: offerId, input: { capacityPerMonth: 35, unitPrice: '925.50' } },
        provider.token,
      );
      const offer = expectOk(result).updateServiceOffer;
      expect(offer.version).toBe(2);
      expect(offer.status).toBe('PUBLISHED');
      expect(offer.versions).toEqual([
        { version: 1, capacityPerMonth: 20, unitPrice: { amount: '900.00' } },
        { version: 2, capacityPerMonth: 35, unitPrice: { amount: '925.50' } },
      ]);
      const seen = expectOk(await app.gql(`query ($id: ID!) { serviceOffer(id: $id) { version capacityPerMonth } }`, { id: offerId }, commissioner));
      expect(seen.serviceOffer).toEqual({ version: 2, capacityPerMonth: 35 });
    });

    it('hides the offer from another provider and refuses their changes as not found', async () => {
      const other = await registerProvider(app);
      expect(errorCode(await app.gql(`query ($id: ID!) { serviceOffer(id: $id) { id } }`, { id: offerId }, other.token))).toBe('NOT_FOUND');
      const change = await app.gql(
        `mutation ($id: ID!) { updateServiceOffer(id: $id, input: { title: "Hijacked title" }) { id } }`,
        { id: offerId },
        other.token,
      );
      expect(errorCode(change)).toBe('NOT_FOUND');
      expect(errorCode(await app.gql(`mutation ($id: ID!) { withdrawServiceOffer(id: $id) { id } }`, { id: offerId }, other.token))).toBe(
        'NOT_FOUND',
      );
    });

    it('keeps drafts from commissioners and other providers', async () => {
      const draft = await createOffer(app, provider, { title: 'Unpublished draft about gardening' });
      const other = await registerProvider(app);
      const query = `query ($id: ID!) { serviceOffer(id: $id) { id } }`;
      expect(errorCode(await app.gql(query, { id: draft.id }, commissioner))).toBe('NOT_FOUND');
      expect(errorCode(await app.gql(query, { id: draft.id }, other.token))).toBe('NOT_FOUND');
      expect(errorCode(await app.gql(query, { id: draft.id }, directorate))).toBe('NOT_FOUND');
      expect((await search({ text: 'gardening' })).totalCount).toBe(0);
      expect((await search({ text: 'gardening' }, other.token)).totalCount).toBe(0);
      expect((await search({ text: 'gardening' }, provider.token)).totalCount).toBe(1);
    });

    it('withdraws: commissioners no longer find it, directorate still can, edits are refused', async () => {
      const offer = await createPublishedOffer(app, provider, { title: 'Debt advice clinic soon to close' });
      expectOk(await app.gql(`mutation ($id: ID!) { withdrawServiceOffer(id: $id) { status } }`, { id: offer.id }, provider.token));
      expect((await search({ text: 'debt clinic' })).totalCount).toBe(0);
      expect((await search({ text: 'debt clinic' }, directorate)).totalCount).toBe(1);
      const edit = await app.gql(
        `mutation ($id: ID!) { updateServiceOffer(id: $id, input: { capacityPerMonth: 3 }) { id } }`,
        { id: offer.id },
        provider.token,
      );
      expect(errorCode(edit)).toBe('INVALID_STATE');
      const republish = await app.gql(`mutation ($id: ID!) { publishServiceOffer(id: $id) { id } }`, { id: offer.id }, provider.token);
      expect(errorCode(republish)).toBe('INVALID_STATE');
    });
  });

  describe('search', () => {
    let small: ProviderHandle;
    let large: ProviderHandle;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      small = await registerProvider(app, { incomeBand: 'UNDER_100K' });
      large = await registerProvider(app, { incomeBand: 'OVER_10M' });
      ids.housing = (
        await createPublishedOffer(app, small, {
          title: 'Supported housing for veterans',
          summary: 'Shared supported housing with keyworkers for veterans leaving custody in the region.',
          regionCodes: ['yorkshire-and-the-humber'],
          pduCodes: ['leeds'],
          specialisms: ['VETERANS'],
          capacityPerMonth: 8,
          unitPrice: '310.00',
          pricingUnit: 'PER_PLACE_PER_WEEK',
        })
      ).id;
      ids.employment = (
        await createPublishedOffer(app, large, {
          title: 'Employment coaching programme',
          summary: 'Coaching, CV writing and employer brokerage to get people into sustained work.',
          category: 'EDUCATION_TRAINING_AND_EMPLOYMENT',
          regionCodes: ['yorkshire-and-the-humber', 'north-east'],
          capacityPerMonth: 120,
          unitPrice: '1200.00',
          outcomeCommitments: [{ measureCode: 'ETE-01', expectedRate: 0.4 }],
        })
      ).id;
      ids.women = (
        await createPublishedOffer(app, small, {
          title: "Women's wellbeing groups",
          summary: 'Weekly groups on coping strategies and confidence, led by women with lived experience.',
          category: 'WOMENS_SERVICES',
          regionCodes: ['yorkshire-and-the-humber'],
          pduCodes: ['sheffield', 'doncaster'],
          specialisms: ['WOMEN', 'SURVIVORS_OF_DOMESTIC_ABUSE'],
          capacityPerMonth: 40,
          unitPrice: '75.25',
          pricingUnit: 'PER_SESSION',
          outcomeCommitments: [{ measureCode: 'EWB-02', expectedRate: 0.6 }],
        })
      ).id;
    });

    const found = async (filter: Record<string, unknown>) =>
      (await search({ regionCodes: ['yorkshire-and-the-humber', 'north-east'], ...filter })).edges
        .map((e: { node: { id: string } }) => e.node.id)
        .sort();

    it('finds by text using full-text search (stemming included)', async () => {
      expect(await found({ text: 'veteran' })).toEqual([ids.housing]);
      expect(await found({ text: 'coaching employers' })).toEqual([ids.employment]);
      expect(await found({ text: 'wellbeing OR housing' })).toEqual([ids.housing, ids.women].sort());
    });

    it('filters by each field', async () => {
      expect(await found({})).toEqual([ids.housing, ids.employment, ids.women].sort());
      expect(await found({ categories: ['WOMENS_SERVICES'] })).toEqual([ids.women]);
      expect(await found({ regionCodes: ['north-east'] })).toEqual([ids.employment]);
      expect(await found({ pduCodes: ['leeds'] })).toEqual([ids.housing, ids.employment].sort());
      expect(await found({ pduCodes: ['sheffield'] })).toEqual([ids.employment, ids.women].sort());
      expect(await found({ maxUnitPrice: '310.00' })).toEqual([ids.housing, ids.women].sort());
      expect(await found({ maxUnitPrice: '75.24' })).toEqual([]);
      expect(await found({ providerIncomeBands: ['OVER_10M'] })).toEqual([ids.employment]);
      expect(await found({ providerIncomeBands: ['UNDER_100K'] })).toEqual([ids.housing, ids.women].sort());
      expect(await found({ specialisms: ['VETERANS', 'WOMEN'] })).toEqual([ids.housing, ids.women].sort());
      expect(await found({ minCapacity: 40 })).toEqual([ids.employment, ids.women].sort());
      expect(await found({ status: 'PUBLISHED' })).toHaveLength(3);
      expect(await found({ status: 'DRAFT' })).toEqual([]);
    });

    it('pages through results in a stable order with cursors', async () => {
      const all: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 5; page++) {
        const result = expectOk(
          await app.gql(SEARCH, { filter: { regionCodes: ['yorkshire-and-the-humber'] }, first: 1, after }, commissioner),
        ).serviceOffers;
        expect(result.totalCount).toBe(3);
        all.push(...result.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(all).toEqual([ids.women, ids.employment, ids.housing]);
    });

    it('refuses pages above 100 and malformed cursors', async () => {
      const tooMany = await app.gql(SEARCH, { first: 101 }, commissioner);
      expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
      expect(tooMany.errors![0].message).toContain('first');
      expect(errorCode(await app.gql(SEARCH, { first: 5, after: 'not-a-cursor' }, commissioner))).toBe('BAD_USER_INPUT');
    });

    it('loads the provider of every offer on a page without one query per offer', async () => {
      const providers = await Promise.all([1, 2, 3, 4].map(() => registerProvider(app)));
      for (const p of providers) {
        for (let i = 0; i < 4; i++) await createPublishedOffer(app, p, { title: `Offer ${i} of ${p.identifier}` });
      }
      const query = `{ serviceOffers(first: 50) { totalCount edges { node { id provider { id legalName incomeBand } versions { version } } } } }`;
      const result = await app.gql(query, {}, commissioner);
      const data = expectOk(result);
      expect(data.serviceOffers.edges.length).toBeGreaterThanOrEqual(16);
      // One statement for the page (with its total), one for the providers, one for the versions.
      expect(Number(result.headers.get('x-sql-statements'))).toBe(3);
      const pageOnly = await app.gql(`{ serviceOffers(first: 50) { edges { node { id provider { legalName } } } } }`, {}, commissioner);
      expect(Number(pageOnly.headers.get('x-sql-statements'))).toBe(2);
    });
  });

  describe('access and validation', () => {
    it('answers UNAUTHENTICATED without a token and with a forged one', async () => {
      expect(errorCode(await app.gql(SEARCH, {}))).toBe('UNAUTHENTICATED');
      const forged = `${commissioner.slice(0, -4)}AAAA`;
      expect(errorCode(await app.gql(SEARCH, {}, forged))).toBe('UNAUTHENTICATED');
    });

    it('answers FORBIDDEN to a role that may never call the operation', async () => {
      const create = await app.gql(
        `mutation ($input: CreateServiceOfferInput!) { createServiceOffer(input: $input) { id } }`,
        { input: offerInput() },
        commissioner,
      );
      expect(errorCode(create)).toBe('FORBIDDEN');
      const verify = await app.gql(`mutation { verifyOrganisation(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, commissioner);
      expect(errorCode(verify)).toBe('FORBIDDEN');
      const audit = await app.gql(`{ auditEvents(first: 1) { totalCount } }`, {}, commissioner);
      expect(errorCode(audit)).toBe('FORBIDDEN');
    });

    it('refuses bad offer input, naming the field, and writes nothing', async () => {
      const provider = await registerProvider(app);
      const cases: [Record<string, unknown>, string][] = [
        [{ unitPrice: '-5.00' }, 'unitPrice'],
        [{ unitPrice: '10.555' }, 'unitPrice'],
        [{ declaredFullCostPerUnit: '1e3' }, 'declaredFullCostPerUnit'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ outcomeCommitments: [] }, 'outcomeCommitments'],
        [{ outcomeCommitments: [{ measureCode: 'ACC-03', expectedRate: 1.5 }] }, 'expectedRate'],
        [{ outcomeCommitments: [{ measureCode: 'NOPE-99', expectedRate: 0.5 }] }, 'measureCode'],
        [{ regionCodes: ['atlantis'] }, 'regionCodes'],
        [{ regionCodes: ['wales'], pduCodes: ['leeds'] }, 'pduCodes'],
        [{ capacityPerMonth: 0 }, 'capacityPerMonth'],
        [{ eligibility: { minAge: 40, maxAge: 20 } }, 'maxAge'],
      ];
      for (const [overrides, field] of cases) {
        const result = await app.gql(
          `mutation ($input: CreateServiceOfferInput!) { createServiceOffer(input: $input) { id } }`,
          { input: offerInput(overrides) },
          provider.token,
        );
        expect({ field, code: errorCode(result) }).toEqual({ field, code: 'BAD_USER_INPUT' });
        expect(result.errors![0].message).toContain(field);
        expect(JSON.stringify(result.errors)).not.toMatch(/stack|SELECT|INSERT|node_modules/);
      }
      const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM service_offer WHERE provider_id = $1', [provider.id]);
      expect(rows[0].n).toBe(0);
    });

    it('refuses a malformed id as bad input rather than failing', async () => {
      const result = await app.gql(`{ serviceOffer(id: "1; DROP TABLE x") { id } }`, {}, commissioner);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
    });

    it('keeps amounts past 2^31 pence exact', async () => {
      const provider = await registerProvider(app);
      const offer = await createOffer(app, provider, {
        pricingUnit: 'FIXED_BLOCK',
        unitPrice: '98765432109.87',
        declaredFullCostPerUnit: '98765432110.00',
      });
      expect(offer.unitPrice).toEqual({ amount: '98765432109.87', currency: 'GBP' });
      expect(offer.fundingGapPerUnit).toEqual({ amount: '0.13' });
      const { rows } = await app.pool.query('SELECT unit_price_pence::text AS p FROM service_offer WHERE id = $1', [offer.id]);
      expect(rows[0].p).toBe('9876543210987');
    });
  });

  describe('audit trail', () => {
    it('records each change with actor, before and after, for auditors only', async () => {
      const provider = await registerProvider(app);
      const offer = await createPublishedOffer(app, provider);
      expectOk(
        await app.gql(`mutation ($id: ID!) { updateServiceOffer(id: $id, input: { capacityPerMonth: 7 }) { id } }`, { id: offer.id }, provider.token),
      );
      expectOk(await app.gql(`mutation ($id: ID!) { withdrawServiceOffer(id: $id) { id } }`, { id: offer.id }, provider.token));
      const auditor = await app.token({ roles: [Role.AUDITOR] });
      const trail = expectOk(
        await app.gql(
          `query ($filter: AuditEventsFilter) { auditEvents(filter: $filter, first: 20) {
             totalCount edges { node { action actorSub actorRoles entityType entityId before after } } } }`,
          { filter: { entityType: 'ServiceOffer', entityId: offer.id } },
          auditor,
        ),
      ).auditEvents;
      const actions = trail.edges.map((e: { node: { action: string } }) => e.node.action).reverse();
      expect(actions).toEqual(['serviceOffer.created', 'serviceOffer.published', 'serviceOffer.versioned', 'serviceOffer.withdrawn']);
      const versioned = trail.edges.find((e: { node: { action: string } }) => e.node.action === 'serviceOffer.versioned').node;
      expect(versioned.actorSub).toBe(`bid-manager-${provider.identifier}`);
      expect(versioned.actorRoles).toEqual(['PROVIDER']);
      expect(versioned.before).toMatchObject({ version: 1, capacityPerMonth: 20 });
      expect(versioned.after).toMatchObject({ version: 2, capacityPerMonth: 7 });

      const orgTrail = expectOk(
        await app.gql(
          `query ($filter: AuditEventsFilter) { auditEvents(filter: $filter) { edges { node { action } } } }`,
          {
            filter: { entityType: 'Organisation', entityId: provider.id },
          },
          auditor,
        ),
      ).auditEvents.edges.map((e: { node: { action: string } }) => e.node.action);
      expect(orgTrail.sort()).toEqual(['organisation.registered', 'organisation.verified']);
    });

    it('cannot be changed, even by the table owner', async () => {
      await expect(app.pool.query(`UPDATE audit_event SET action = 'tampered'`)).rejects.toThrow(/append-only/);
      await expect(app.pool.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
      await expect(app.pool.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    });
  });
});
