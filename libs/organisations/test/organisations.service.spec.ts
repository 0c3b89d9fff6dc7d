import { RequestLoaders } from '@mkt/common';
import { AccessErrorCode } from '@mkt/auth';
import { IncomeBand, OrganisationErrorCode, OrganisationsModule, OrganisationsService, OrganisationType } from '@mkt/organisations';
import { attempt, LibTest, principals, registerProvider, startLibTest } from '@mkt/testing';

describe('OrganisationsService (real PostgreSQL)', () => {
  let t: LibTest;
  let organisations: OrganisationsService;

  beforeAll(async () => {
    t = await startLibTest({ imports: [OrganisationsModule] });
    organisations = t.get(OrganisationsService);
  });
  afterAll(() => t?.close());

  it('registers an organisation once per identifier, audited', async () => {
    const { organisation, actor } = await registerProvider(organisations, { verified: false });
    expect(organisation).toMatchObject({ scheme: 'GB-CHC', verified: false, regionCodes: ['north-west'] });
    const again = attempt(() =>
      organisations.register(principals.admin(), {
        identifier: organisation.identifier,
        legalName: 'Someone else',
        organisationType: organisation.organisationType,
        incomeBand: organisation.incomeBand,
        regionCodes: [],
        contactEmail: 'other@example.org',
      }),
    );
    await expect(again).rejects.toMatchObject({ code: OrganisationErrorCode.ORGANISATION_ALREADY_REGISTERED });
    expect(await t.rows('SELECT count(*)::int AS n FROM organisation WHERE identifier = $1', [actor.org])).toEqual([{ n: 1 }]);
    const audit = await t.rows('SELECT action FROM audit_event WHERE entity_id = $1', [organisation.id]);
    expect(audit).toEqual([{ action: 'organisation.registered' }]);
  });

  it('lets a provider register only its own organisation', async () => {
    const someoneElse = principals.provider('GB-CHC-1234567');
    const input = {
      identifier: 'GB-CHC-7654321',
      legalName: 'Not mine',
      organisationType: OrganisationType.REGISTERED_CHARITY,
      incomeBand: IncomeBand.UNDER_100K,
      regionCodes: [],
      contactEmail: 'x@example.org',
    };
    await expect(attempt(() => organisations.register(someoneElse, input))).rejects.toMatchObject({ code: AccessErrorCode.FORBIDDEN });
    expect(await t.rows('SELECT id FROM organisation WHERE identifier = $1', [input.identifier])).toEqual([]);
  });

  it('a verified provider changing its legal name needs verifying again', async () => {
    const { organisation, actor } = await registerProvider(organisations);
    expect(organisation.verified).toBe(true);
    const updated = await organisations.update(actor, organisation.id, { legalName: 'Renamed Charity (synthetic)' });
    expect(updated.verified).toBe(false);
    const [row] = await t.rows('SELECT verified, verified_at FROM organisation WHERE id = $1', [organisation.id]);
    expect(row).toEqual({ verified: false, verified_at: null });
    const actions = await t.rows('SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq', [organisation.id]);
    expect(actions.map((a) => a.action)).toEqual([
      'organisation.registered',
      'organisation.verified',
      'organisation.updated',
      'organisation.verificationLapsed',
    ]);
  });

  it('shows a provider only its own organisation', async () => {
    const mine = await registerProvider(organisations);
    const theirs = await registerProvider(organisations);
    await expect(organisations.get(mine.actor, new RequestLoaders(), { id: theirs.organisation.id })).rejects.toMatchObject({
      code: OrganisationErrorCode.NOT_FOUND,
    });
    const page = await organisations.list(mine.actor, new RequestLoaders(), {}, { first: 50, withTotal: true });
    expect(page.edges.map((e) => e.node.id)).toEqual([mine.organisation.id]);
    const all = await organisations.list(principals.auditor(), new RequestLoaders(), {}, { first: 50, withTotal: true });
    expect(all.totalCount).toBeGreaterThanOrEqual(2);
  });
});
