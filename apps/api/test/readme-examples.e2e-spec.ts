import { jest } from '@jest/globals';
import { loadDemoDataIfEmpty } from '../src/demo/demo-data';
import { createLogger } from '../src/bootstrap/logger';
import { readmeShellBlock, ReadmeRun, runReadmeBlock } from './harness/readme-runner';
import { startTestApp, TestApp } from './harness/test-app';

/**
 * The README's first query and the worked examples of docs/worked-examples.md, run from those files
 * on demo data, on a date in another financial year than today's: what a reader copies must work
 * whenever they read it. The whole
 * process's date is moved (Jest fakes only `Date`, and lets it run on), so the demo data, the
 * app's clock, tokens and the README's own `date` all agree, as on a machine whose date it is.
 */
const ONLY_DATE_FAKED = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

async function startOnDemoDataAt(now: string): Promise<TestApp> {
  // As in production (the harness allows past start dates): the demo data and the examples keep the rule.
  const app = await startTestApp({ RETROSPECTIVE_ORDERS: 'enforce' });
  // After the schema is built: code-first type inference compares fields' types with the real Date.
  jest.useFakeTimers({ now: new Date(now), advanceTimers: true, doNotFake: [...ONLY_DATE_FAKED] });
  await loadDemoDataIfEmpty(app.nest, createLogger('silent'));
  return app;
}

const WORKED_EXAMPLES = 'docs/worked-examples.md';

const answers = (run: ReadmeRun) => run.exchanges.map((e) => e.answer.data);
const amounts = (periods: { fixedDue: { amount: string } }[]) => periods.map((p) => p.fixedDue.amount);

describe('README first query and docs/worked-examples.md, run from the files on another date', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    jest.useRealTimers();
  });

  it('runs the first query: the demo accommodation offers, found by category as well as by title', async () => {
    app = await startOnDemoDataAt('2028-11-05T08:00:00Z');
    const [first] = answers(await runReadmeBlock(app, readmeShellBlock('## First query')));
    const titles = first.serviceOffers.edges.map((e: { node: { title: string } }) => e.node.title).sort();
    // The tenancy offer does not say "accommodation"; its category does.
    expect(titles).toEqual(['Move-on accommodation support after release', 'Tenancy sustainment for people at risk of eviction']);
    expect(first.serviceOffers.totalCount).toBe(2);
  });

  it('loads the demo data in the first days of a financial year, paying the first instalment no later than today', async () => {
    app = await startOnDemoDataAt('2027-04-05T09:00:00Z');
    const { rows } = await app.pool.query<{ paid_on: string }>(`SELECT to_char(paid_on, 'YYYY-MM-DD') AS paid_on FROM payment ORDER BY seq`);
    expect(rows.map((r) => r.paid_on)).toEqual(['2027-04-05', '2027-04-05']);
  });

  it("runs the commissioner's worked example in February 2029 (financial year 2028-29)", async () => {
    app = await startOnDemoDataAt('2029-02-14T10:00:00Z');
    const run = await runReadmeBlock(app, readmeShellBlock("## A commissioner's order (on the demo data)", WORKED_EXAMPLES));
    expect(run.exchanges).toHaveLength(4);
    const [found, placed, accepted, budgets] = answers(run);
    expect(run.stdout).toContain('today 2029-02-14, financial year 2028-29 (ends 2029-03-31)');

    expect(found.serviceOffers.edges[0].node).toMatchObject({
      title: 'Move-on accommodation support after release',
      unitPrice: { amount: '850.00' },
    });
    expect(placed.placeOrder).toMatchObject({ status: 'SUBMITTED', total: { amount: '10200.00' }, financialYear: '2028-29' });
    expect(placed.placeOrder.outcomeTargets).toEqual([
      { measureCode: 'ACC-03', target: 0.55, weight: 50 },
      { measureCode: 'ACC-06', target: 0.7, weight: 50 },
    ]);
    const contract = accepted.acceptOrder.contract;
    expect(accepted.acceptOrder.status).toBe('ACCEPTED');
    expect([contract.value.amount, contract.fixedPart.amount, contract.outcomePart.amount]).toEqual(['10200.00', '8160.00', '2040.00']);
    expect(contract.schedule.map((p: { period: string }) => p.period)).toEqual(['2028-29-Q4']);
    expect(amounts(contract.schedule)).toEqual(['8160.00']);
    expect(budgets.budgets).toEqual([
      {
        financialYear: '2028-29',
        allocated: { amount: '250000.00' },
        reserved: { amount: '0.00' },
        committed: { amount: '10200.00' },
        remaining: { amount: '239800.00' },
      },
    ]);
  });

  it("runs the charity bid manager's worked example in August 2027 (financial year 2027-28, Q2)", async () => {
    app = await startOnDemoDataAt('2027-08-20T09:00:00Z');
    const run = await runReadmeBlock(app, readmeShellBlock("## A charity's bid manager, from registration to the supply chain", WORKED_EXAMPLES));
    expect(run.stdout).toContain('today 2027-08-20, financial year 2027-28, quarter 2027-28-Q2');
    // Publishing before verification is refused, as the example says; everything else succeeds.
    expect(run.exchanges.map((e) => e.expectedError).filter(Boolean)).toEqual(['ORGANISATION_NOT_VERIFIED']);
    const data = answers(run);
    const answer = (field: string) => data.find((d) => d?.[field])?.[field];

    expect(answer('registerOrganisation')).toMatchObject({ identifier: 'GB-CHC-9990007', charityNumber: '9990007', verified: false });
    expect(answer('createServiceOffer')).toMatchObject({ status: 'DRAFT', version: 1, fundingGapPerUnit: { amount: '80.00' } });
    expect(answer('verifyOrganisation')).toMatchObject({ verified: true });
    expect(answer('publishServiceOffer')).toMatchObject({ status: 'PUBLISHED', version: 1 });
    expect(answer('serviceOffers').edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(['Construction skills and job brokerage']);
    expect(answer('placeOrder')).toMatchObject({ status: 'SUBMITTED', total: { amount: '4320.00' }, financialYear: '2027-28' });
    expect(answer('orders').edges).toHaveLength(1);
    const contract = answer('acceptOrder').contract;
    expect(contract.outcomeMeasures).toMatchObject([{ code: 'ETE-01', target: 0.45 }]);
    expect(contract.schedule.map((p: { period: string }) => p.period)).toEqual(['2027-28-Q2', '2027-28-Q3', '2027-28-Q4']);
    expect(answer('submitPerformanceReport')).toMatchObject({ period: '2027-28-Q2', status: 'SUBMITTED' });
    // 10% of 4320.00 on outcomes (the cap for income under GBP 100k), spread by days: 20 August to 30 September is 42 of Q2's
    // 92 days, against two whole quarters after it, so Q2 has 432.00 x 42/226 = 80.28 (rounded down); the target met in full.
    expect(answer('approvePerformanceReport')).toEqual({ status: 'APPROVED', score: 1, outcomeEarned: { amount: '80.28' } });
    expect(answer('declareSubcontractor')).toMatchObject({ tier: 2, identifier: 'GB-CHC-9990008', charityNumber: '9990008' });
    expect(answer('contract')).toEqual({
      status: 'ACTIVE',
      subcontractors: [{ name: 'Mersey Tools Library (demo)', tier: 2 }],
      performanceReports: [{ period: '2027-28-Q2', status: 'APPROVED', outcomeEarned: { amount: '80.28' } }],
    });
  });

  it("runs the directorate analyst's first queries in May 2028 (financial year 2028-29)", async () => {
    app = await startOnDemoDataAt('2028-05-02T12:00:00Z');
    const run = await runReadmeBlock(app, readmeShellBlock("## A directorate analyst's first queries", WORKED_EXAMPLES));
    const [spend, inclusion, gap, underpriced, costs] = answers(run);
    // The demo data's two contracts (London 12 x 640.00, Greater Manchester 40 x 95.00) start this April.
    expect(spend.spend.totals).toEqual({ committed: { amount: '11480.00' }, paid: expect.any(Object), contracts: 2, providers: 2 });
    expect(new Set(spend.spend.rows.map((r: { financialYear: string; quarter: number }) => `${r.financialYear}-Q${r.quarter}`))).toEqual(
      new Set(['2028-29-Q1']),
    );
    expect(inclusion.spendInclusion.totals.providersFunded).toBe(2);
    expect(gap.sustainabilityGap.totals.contractsBelowCost).toBe(1);
    expect(underpriced.underpricedOffers.totalCount).toBe(4);
    expect(Array.isArray(costs.costPerOutcome)).toBe(true);
  });
});
