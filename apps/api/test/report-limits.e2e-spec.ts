import { Role } from '@mkt/auth';
import { parsePence } from '@mkt/common';
import { awardContract, createPublishedOffer, registerOrganisation, setBudget } from './harness/contract-factories';
import { expectOk, startTestApp, TestApp } from './harness/test-app';

/**
 * REPORT_MAX_ROWS: a report with more groups than the cap is refused whole (REPORT_TOO_LARGE), the
 * CSV export of the same grouping still streams every row. Here the cap is 3 and four contracts
 * start in four quarters of 2026-27, in two PDUs of one region; three more, in the last quarters of
 * earlier years (one in London), make four regions and years.
 */
describe('report row cap (REPORT_MAX_ROWS=3)', () => {
  let app: TestApp;
  let directorate: string;
  const SPEND = `query ($groupBy: [SpendGroupKey!]) {
    spend(filter: { financialYears: ["2026-27"] }, groupBy: $groupBy) { rows { pduCode quarter committed { amount } contracts } totals { committed { amount } contracts } } }`;
  const GAP = `query ($groupBy: [SpendGroupKey!]) {
    sustainabilityGap(filter: { financialYears: ["2026-27"] }, groupBy: $groupBy) { rows { pduCode quarter contracts } totals { contracts } } }`;

  beforeAll(async () => {
    app = await startTestApp({ REPORT_MAX_ROWS: '3' });
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-rory' });
    const cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    const lena = await app.token({ roles: [Role.COMMISSIONER], regions: ['london'], sub: 'lena' });
    const pots = [
      ['north-west', '2026-27'],
      ['north-west', '2025-26'],
      ['north-west', '2024-25'],
      ['london', '2026-27'],
      ['london', '2025-26'],
    ];
    for (const [region, year] of pots) {
      await setBudget(app, region, year, '100000.00');
    }
    const provider = await registerOrganisation(app, {
      incomeBand: 'UNDER_100K',
      organisationType: 'REGISTERED_CHARITY',
      regionCodes: ['north-west', 'london'],
    });
    const offer = await createPublishedOffer(app, provider, {
      unitPrice: '850.00',
      declaredFullCostPerUnit: '1000.00',
      regionCodes: ['north-west', 'london'],
    });
    const starts: [string, string, string][] = [
      ['liverpool-north', '2026-04-15', '2026-05-31'],
      ['liverpool-south', '2026-07-01', '2026-08-31'],
      ['liverpool-north', '2026-10-01', '2026-11-30'],
      ['liverpool-south', '2027-01-05', '2027-02-28'],
    ];
    for (const [pduCode, startDate, endDate] of starts) {
      await awardContract(app, cara, provider, { offerId: offer.id, pduCode, quantity: 1, startDate, endDate });
    }
    // Fourth quarters of earlier years: outside the quarters [1, 2, 3] and the 2026-27 filters below.
    await awardContract(app, cara, provider, {
      offerId: offer.id,
      pduCode: 'liverpool-north',
      quantity: 1,
      startDate: '2026-02-01',
      endDate: '2026-03-31',
    });
    await awardContract(app, cara, provider, {
      offerId: offer.id,
      pduCode: 'liverpool-north',
      quantity: 1,
      startDate: '2025-02-01',
      endDate: '2025-03-31',
    });
    await awardContract(app, lena, provider, {
      offerId: offer.id,
      pduCode: 'greenwich-and-bexley',
      quantity: 1,
      startDate: '2026-01-12',
      endDate: '2026-03-31',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a spend grouping with more groups than the cap, naming the cap and the way out', async () => {
    const result = await app.gql(SPEND, { groupBy: ['FINANCIAL_QUARTER'] }, directorate);
    expect(result.status).toBe(200);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message:
        'spend has more than 3 rows: narrow the filter or group by fewer keys, or download the CSV export (/exports/spend.csv), which has no limit',
      extensions: { code: 'REPORT_TOO_LARGE', max: 3 },
    });
  });

  it('still answers a grouping within the cap, its totals over every contract', async () => {
    const { rows, totals } = expectOk(await app.gql(SPEND, { groupBy: ['PDU'] }, directorate)).spend;
    expect(rows.map((r: { pduCode: string }) => r.pduCode)).toEqual(['liverpool-north', 'liverpool-south']);
    expect(totals).toEqual({ committed: { amount: '3400.00' }, contracts: 4 });
    const sum = rows.reduce((s: bigint, r: { committed: { amount: string } }) => s + parsePence(r.committed.amount), 0n);
    expect(sum).toBe(parsePence('3400.00'));
    // Exactly the cap is allowed: the filter narrows the four quarters to three.
    const three = expectOk(
      await app.gql(
        `{ spend(filter: { quarters: [1, 2, 3] }, groupBy: [FINANCIAL_QUARTER]) { rows { quarter } totals { contracts } } }`,
        {},
        directorate,
      ),
    ).spend;
    expect(three).toEqual({ rows: [{ quarter: 1 }, { quarter: 2 }, { quarter: 3 }], totals: { contracts: 3 } });
  });

  it('downloads every row of the refused grouping as CSV', async () => {
    const response = await fetch(`${app.url}/exports/spend.csv?groupBy=FINANCIAL_QUARTER&financialYears=2026-27`, {
      headers: { authorization: `Bearer ${directorate}` },
    });
    expect(response.status).toBe(200);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual([1, 2, 3, 4].map((q) => ['2026-27', String(q)]));
  });

  it('caps the sustainability gap and budgets the same way', async () => {
    const gap = await app.gql(GAP, { groupBy: ['FINANCIAL_QUARTER'] }, directorate);
    expect(gap.errors?.[0].extensions).toMatchObject({ code: 'REPORT_TOO_LARGE', max: 3 });
    expect(gap.errors?.[0].message).toContain('/exports/sustainability-gap.csv');
    expect(expectOk(await app.gql(GAP, { groupBy: ['PDU'] }, directorate)).sustainabilityGap.totals).toEqual({ contracts: 4 });

    const budgets = await app.gql('{ budgets { regionCode financialYear } }', {}, directorate);
    expect(budgets.status).toBe(200);
    expect(budgets.errors?.[0]).toMatchObject({
      message: 'budgets has more than 3 rows: narrow the filter (financialYears, regionCodes)',
      extensions: { code: 'REPORT_TOO_LARGE', max: 3 },
    });
    const narrowed = expectOk(await app.gql('{ budgets(filter: { regionCodes: ["london"] }) { financialYear } }', {}, directorate));
    expect(narrowed.budgets).toEqual([{ financialYear: '2025-26' }, { financialYear: '2026-27' }]);
  });

  it('caps the inclusion rows (one per region and year), its totals whole within the cap', async () => {
    const inclusion = (filter: string) =>
      app.gql(
        `{ spendInclusion${filter} { rows { regionCode financialYear } totals { providersFunded committed { amount } byIncomeBand { incomeBand } } } }`,
        {},
        directorate,
      );
    const refused = await inclusion('');
    expect(refused.errors?.[0]).toMatchObject({
      message: 'spendInclusion has more than 3 rows: narrow the filter or group by fewer keys',
      extensions: { code: 'REPORT_TOO_LARGE', max: 3 },
    });
    const three = expectOk(await inclusion('(filter: { financialYears: ["2024-25", "2025-26"] })')).spendInclusion;
    expect(three).toEqual({
      rows: [
        { regionCode: 'london', financialYear: '2025-26' },
        { regionCode: 'north-west', financialYear: '2024-25' },
        { regionCode: 'north-west', financialYear: '2025-26' },
      ],
      totals: { providersFunded: 1, committed: { amount: '2550.00' }, byIncomeBand: [{ incomeBand: 'UNDER_100K' }] },
    });
    expect(expectOk(await app.gql('{ costPerOutcome { measureCode } }', {}, directorate)).costPerOutcome).toEqual([]);
  });
});
