import { Role } from '@mkt/auth';
import { registerProvider } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

/** Organisations: registration by marketplace operations, identifiers, verification and edits. */
describe('organisations', () => {
  let app: TestApp;
  let admin: string;
  let commissioner: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.token({ roles: [Role.ADMIN], sub: 'admin-ada' });
    commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'commissioner-cara' });
  });
  afterAll(async () => {
    await app?.close();
  });
  it('lets an admin register a charity, deriving its charity number, and refuses a duplicate', async () => {
    const input = {
      identifier: 'GB-CHC-9701234',
      legalName: 'Synthetic Support Trust',
      organisationType: 'REGISTERED_CHARITY',
      incomeBand: 'UNDER_100K',
      regionCodes: ['north-west', 'wales'],
      contactEmail: 'contact@example.org',
    };
    const mutation = `mutation ($input: RegisterOrganisationInput!) {
      registerOrganisation(input: $input) { id identifier scheme charityNumber companyNumber verified incomeBand regionCodes } }`;
    const created = expectOk(await app.gql(mutation, { input }, admin)).registerOrganisation;
    expect(created).toMatchObject({
      identifier: 'GB-CHC-9701234',
      scheme: 'GB-CHC',
      charityNumber: '9701234',
      companyNumber: null,
      verified: false,
      incomeBand: 'UNDER_100K',
    });
    const again = await app.gql(mutation, { input }, admin);
    expect(errorCode(again)).toBe('ORGANISATION_ALREADY_REGISTERED');
  });

  it('refuses invalid identifiers per scheme, naming the field', async () => {
    for (const identifier of ['GB-CHC-12', 'GB-SC-012345', 'GB-COH-1234567', 'XX-123', 'GB-NIC-ABC']) {
      const result = await app.gql(
        `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`,
        {
          input: {
            identifier,
            legalName: 'Bad Identifier Org',
            organisationType: 'REGISTERED_CHARITY',
            incomeBand: 'UNDER_100K',
            contactEmail: 'x@example.org',
          },
        },
        admin,
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].message).toContain('identifier');
    }
  });

  it('lets a provider register only its own organisation', async () => {
    const own = await app.token({ roles: [Role.PROVIDER], org: 'GB-COH-09870001' });
    const input = {
      identifier: 'GB-COH-09870001',
      legalName: 'Synthetic Ventures CIC',
      organisationType: 'COMMUNITY_INTEREST_COMPANY',
      incomeBand: 'FROM_100K_TO_1M',
      contactEmail: 'c@example.org',
    };
    const mutation = `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { companyNumber } }`;
    expect(errorCode(await app.gql(mutation, { input: { ...input, identifier: 'GB-COH-09870002' } }, own))).toBe('FORBIDDEN');
    expect(expectOk(await app.gql(mutation, { input }, own)).registerOrganisation.companyNumber).toBe('09870001');
    expect(errorCode(await app.gql(mutation, { input }, commissioner))).toBe('FORBIDDEN');
  });

  it('shows a provider only its own organisation', async () => {
    const a = await registerProvider(app);
    const b = await registerProvider(app);
    const query = `query ($id: ID!) { organisation(id: $id) { id legalName } }`;
    expect(expectOk(await app.gql(query, { id: a.id }, a.token)).organisation.id).toBe(a.id);
    expect(errorCode(await app.gql(query, { id: b.id }, a.token))).toBe('NOT_FOUND');
    const list = expectOk(await app.gql(`{ organisations(first: 100) { totalCount edges { node { id } } } }`, {}, a.token));
    expect(list.organisations.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([a.id]);
    expect(expectOk(await app.gql(query, { id: b.id }, commissioner)).organisation.id).toBe(b.id);
  });
});
