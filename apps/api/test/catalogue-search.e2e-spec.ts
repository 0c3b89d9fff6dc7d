import { Role } from '@mkt/auth';
import { createPublishedOffer, registerProvider } from './harness/factories';
import { expectOk, startTestApp, TestApp } from './harness/test-app';
import { gqlTyped } from './harness/typed-gql';
import { SearchOffersDocument } from './operations/generated';

/**
 * A commissioner searches in their own words: the category's name and common words for it, and the
 * outcomes the offer commits to, find offers whose title and summary say neither.
 */
describe('catalogue search: categories, synonyms and outcome measures', () => {
  let app: TestApp;
  let commissioner: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    commissioner = await app.token({ roles: [Role.COMMISSIONER], regions: ['wales'], sub: 'commissioner-cerys' });
    const provider = await registerProvider(app, { regionCodes: ['wales'] });
    const offer = async (key: string, overrides: Record<string, unknown>) => {
      ids[key] = (await createPublishedOffer(app, provider, { regionCodes: ['wales'], ...overrides })).id;
    };
    await offer('housing', {
      title: 'Supported lodgings for veterans',
      summary: 'Shared supported lodgings with keyworkers for veterans leaving custody.',
      outcomeCommitments: [{ measureCode: 'ACC-03', expectedRate: 0.5 }],
    });
    await offer('employment', {
      title: 'Coaching programme',
      summary: 'Coaching, CV writing and employer brokerage.',
      category: 'EDUCATION_TRAINING_AND_EMPLOYMENT',
      outcomeCommitments: [{ measureCode: 'ETE-01', expectedRate: 0.4 }],
    });
    await offer('women', {
      title: "Women's groups",
      summary: 'Weekly groups on coping strategies and confidence, led by women with lived experience.',
      category: 'WOMENS_SERVICES',
      outcomeCommitments: [{ measureCode: 'EWB-02', expectedRate: 0.6 }],
    });
    await offer('recovery', {
      title: 'Peer recovery cafe',
      summary: 'A weekly cafe run by people with lived experience, with mentoring and links into treatment.',
      category: 'DEPENDENCY_AND_RECOVERY',
      outcomeCommitments: [{ measureCode: 'DNR-02', expectedRate: 0.5 }],
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const found = async (text: string) =>
    expectOk(await gqlTyped(app, SearchOffersDocument, { filter: { text, regionCodes: ['wales'] } }, commissioner))
      .serviceOffers.edges.map((e) => e.node.id)
      .sort();

  it('finds offers by category name, though their titles and summaries do not say it', async () => {
    expect(await found('accommodation')).toEqual([ids.housing]);
    expect(await found('education')).toEqual([ids.employment]);
    expect(await found('dependency')).toEqual([ids.recovery]);
  });

  it('finds offers by common words for their category', async () => {
    for (const word of ['housing', 'homeless', 'tenancy']) expect(await found(word)).toEqual([ids.housing]);
    for (const word of ['jobs', 'work', 'employment']) expect(await found(word)).toEqual([ids.employment]);
    for (const word of ['drugs', 'alcohol', 'substance misuse', 'addiction']) expect(await found(word)).toEqual([ids.recovery]);
    expect(await found('homeless OR jobs')).toEqual([ids.housing, ids.employment].sort());
    expect(await found('gardening')).toEqual([]);
  });

  it('finds offers by the names of the outcome measures they commit to', async () => {
    // EWB-02: "Service User's development of levels of self-efficacy, resilience and confidence."
    expect(await found('resilience')).toEqual([ids.women]);
    // ACC-03: "Service User is helped to secure social or supported housing."
    expect(await found('social housing')).toEqual([ids.housing]);
  });

  it('keeps text search on the GIN index', async () => {
    const client = await app.pool.connect();
    try {
      await client.query('BEGIN');
      // With a handful of rows the planner rightly prefers a scan; forbid it to see that the index serves the query.
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = await client.query(`EXPLAIN SELECT o.* FROM service_offer o WHERE o.search @@ websearch_to_tsquery('english', $1)`, [
        'homeless OR jobs',
      ]);
      expect(plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n')).toContain('service_offer_search_idx');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
