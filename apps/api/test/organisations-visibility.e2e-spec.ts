import { Role } from '@mkt/auth';
import { createOffer, createPublishedOffer, nextCharityIdentifier, ProviderHandle, registerProvider } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

/**
 * Who sees which organisations and offers, role by role, including the combinations the tenancy
 * matrix does not try: a commissioner who is also a provider, a provider whose organisation is not
 * registered, and a token with an `org` claim but no role.
 */
describe('organisation and offer visibility', () => {
  let app: TestApp;
  let p1: ProviderHandle;
  let p2: ProviderHandle;
  const offers: Record<string, string> = {};

  const byId = (id: string, token: string) => app.gql(`query ($id: ID!) { organisation(id: $id) { id } }`, { id }, token);
  const byIdentifier = (identifier: string, token: string) =>
    app.gql(`query ($identifier: String) { organisation(identifier: $identifier) { id } }`, { identifier }, token);
  const listed = async (token: string) => {
    const data = expectOk(await app.gql(`{ organisations(first: 100) { totalCount edges { node { id } } } }`, {}, token)).organisations;
    const ids = (data.edges as { node: { id: string } }[]).map((e) => e.node.id);
    expect(data.totalCount).toBe(ids.length);
    return ids.filter((id) => id === p1.id || id === p2.id).sort();
  };
  const offerIds = async (token: string) => {
    const data = expectOk(await app.gql(`{ serviceOffers(first: 100) { edges { node { id } } } }`, {}, token)).serviceOffers;
    return new Set((data.edges as { node: { id: string } }[]).map((e) => e.node.id));
  };

  beforeAll(async () => {
    app = await startTestApp();
    p1 = await registerProvider(app);
    p2 = await registerProvider(app);
    offers.draft1 = (await createOffer(app, p1)).id;
    offers.draft2 = (await createOffer(app, p2)).id;
    offers.published2 = (await createPublishedOffer(app, p2)).id;
    const withdrawn = (await createPublishedOffer(app, p2)).id;
    expectOk(await app.gql(`mutation ($id: ID!) { withdrawServiceOffer(id: $id) { id } }`, { id: withdrawn }, p2.token));
    offers.withdrawn2 = withdrawn;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows a provider its own organisation only, by id, by identifier and in the list', async () => {
    expect(expectOk(await byId(p1.id, p1.token)).organisation.id).toBe(p1.id);
    expect(expectOk(await byIdentifier(p1.identifier, p1.token)).organisation.id).toBe(p1.id);
    expect(errorCode(await byId(p2.id, p1.token))).toBe('NOT_FOUND');
    expect(errorCode(await byIdentifier(p2.identifier, p1.token))).toBe('NOT_FOUND');
    expect(await listed(p1.token)).toEqual([p1.id]);
  });

  it('shows a provider whose organisation is not registered no organisation', async () => {
    const stranger = await app.token({ roles: [Role.PROVIDER], org: nextCharityIdentifier() });
    expect(errorCode(await byId(p1.id, stranger))).toBe('NOT_FOUND');
    expect(await listed(stranger)).toEqual([]);
    expect((await offerIds(stranger)).size).toBe(0);
  });

  it('shows every organisation to commissioners, directorate, auditors and admins, provider role or not', async () => {
    const tokens = [
      await app.token({ roles: [Role.COMMISSIONER], regions: ['wales'] }),
      await app.token({ roles: [Role.COMMISSIONER, Role.PROVIDER], regions: ['wales'], org: p1.identifier }),
      await app.token({ roles: [Role.DIRECTORATE] }),
      await app.token({ roles: [Role.AUDITOR] }),
      await app.token({ roles: [Role.ADMIN] }),
    ];
    for (const token of tokens) {
      expect(expectOk(await byId(p2.id, token)).organisation.id).toBe(p2.id);
      expect(await listed(token)).toEqual([p1.id, p2.id].sort());
    }
  });

  it('shows a token with no role only the organisation its org claim names, and no offer', async () => {
    const roleless = await app.token({ roles: [], org: p1.identifier, sub: 'roleless-1' });
    expect(expectOk(await byId(p1.id, roleless)).organisation.id).toBe(p1.id);
    expect(errorCode(await byId(p2.id, roleless))).toBe('NOT_FOUND');
    expect(await listed(roleless)).toEqual([p1.id]);
    expect((await offerIds(roleless)).size).toBe(0);
  });

  it('shows offers by role: own drafts to a provider, published to commissioners, withdrawn to directorate', async () => {
    const own = await offerIds(p1.token);
    expect([own.has(offers.draft1), own.has(offers.draft2), own.has(offers.published2)]).toEqual([true, false, false]);

    const both = await offerIds(await app.token({ roles: [Role.COMMISSIONER, Role.PROVIDER], regions: ['wales'], org: p1.identifier }));
    expect([both.has(offers.draft1), both.has(offers.published2), both.has(offers.draft2), both.has(offers.withdrawn2)]).toEqual([
      true,
      true,
      false,
      false,
    ]);

    const directorate = await offerIds(await app.token({ roles: [Role.DIRECTORATE] }));
    expect([directorate.has(offers.published2), directorate.has(offers.withdrawn2), directorate.has(offers.draft2)]).toEqual([true, true, false]);

    const admin = await offerIds(await app.token({ roles: [Role.ADMIN] }));
    expect(Object.values(offers).every((id) => admin.has(id))).toBe(true);
  });
});
