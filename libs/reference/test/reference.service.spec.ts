import { CommonErrorCode } from '@mkt/common';
import { OutcomeDirection, ReferenceService, ServiceCategory } from '@mkt/reference';
import { attempt, LibTest, principals, startLibTest } from '@mkt/testing';

describe('ReferenceService (real PostgreSQL)', () => {
  let t: LibTest;
  let reference: ReferenceService;

  beforeAll(async () => {
    t = await startLibTest({ imports: [] });
    reference = t.get(ReferenceService);
  });
  afterAll(() => t?.close());

  it('loads the regions and their PDUs from the database at start', async () => {
    const [{ n }] = await t.rows<{ n: number }>('SELECT count(*)::int AS n FROM region');
    expect(reference.regions()).toHaveLength(n);
    expect(reference.pdu('liverpool-north')?.regionCode).toBe('north-west');
    expect(() => reference.assertPdusWithin(['liverpool-north'], ['wales'], 'pduCodes')).toThrow(
      /liverpool-north is not a PDU of the chosen regions/,
    );
    expect(() => reference.assertRegions(['atlantis'], 'regionCodes')).toThrow(/unknown region code\(s\) atlantis/);
  });

  it('adds an outcome measure once, audited, and lists it under its categories', async () => {
    const input = {
      code: 'TST-01',
      name: 'Test measure (synthetic)',
      description: 'A measure added by a test.',
      unit: 'share of completed referrals',
      direction: OutcomeDirection.HIGHER_IS_BETTER,
      categories: [ServiceCategory.ACCOMMODATION, ServiceCategory.ACCOMMODATION],
    };
    const created = await reference.createOutcomeMeasure(principals.directorate(), input);
    expect(created).toMatchObject({ code: 'TST-01', categories: [ServiceCategory.ACCOMMODATION] });
    await expect(attempt(() => reference.createOutcomeMeasure(principals.directorate(), input))).rejects.toMatchObject({
      code: CommonErrorCode.CONFLICT,
    });
    const listed = await t.transaction((em) => reference.outcomeMeasures(em, ServiceCategory.ACCOMMODATION));
    expect(listed.map((m) => m.code)).toContain('TST-01');
    expect((await t.transaction((em) => reference.outcomeMeasures(em, ServiceCategory.WOMENS_SERVICES))).map((m) => m.code)).not.toContain('TST-01');
    expect(await t.rows(`SELECT action FROM audit_event WHERE entity_id = 'TST-01'`)).toEqual([{ action: 'outcomeMeasure.created' }]);
  });

  it('refuses unknown measure codes, naming the field', async () => {
    await expect(t.transaction((em) => reference.assertMeasures(em, ['ACC-03', 'NOPE-1'], 'outcomeCommitments'))).rejects.toThrow(
      'outcomeCommitments: unknown outcome measure(s) NOPE-1',
    );
  });
});
