import { Role } from '@mkt/auth';
import { formatPence, parsePence } from '@mkt/common';
import { errorCode, expectOk } from './harness/test-app';
import {
  SPEND,
  app,
  auditor,
  cara,
  contracts,
  directorate,
  large,
  ledger,
  medium,
  small,
  spend,
  useSpendWorld,
  type Row,
} from './harness/spend-world';

describe('spend: access, inclusion, sustainability, outcomes and CSV', () => {
  useSpendWorld();

  describe('access', () => {
    it('shows directorate and auditors everything and commissioners their regions only', async () => {
      const all = await spend(undefined, ['REGION']);
      expect(await spend(undefined, ['REGION'], auditor)).toEqual(all);
      const mine = await spend(undefined, ['REGION'], cara);
      expect(mine.rows.map((r) => r.regionCode)).toEqual(['north-west']);
      expect(mine.totals.committed).toEqual(all.rows.find((r) => r.regionCode === 'north-west')!.committed);
      expect(errorCode(await app.gql(SPEND, { filter: { regionCodes: ['london'] }, groupBy: [] }, cara))).toBe('FORBIDDEN');
      const provider = small.token;
      const admin = await app.token({ roles: [Role.ADMIN] });
      for (const token of [provider, admin]) expect(errorCode(await app.gql(SPEND, { groupBy: [] }, token))).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(SPEND, { groupBy: [] }))).toBe('UNAUTHENTICATED');
    });

    it('refuses bad filters and groupings naming the argument', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ groupBy: ['REGION', 'REGION'] }, 'groupBy'],
        [{ filter: { financialYears: ['2026-28'] }, groupBy: [] }, 'financialYears'],
        [{ filter: { quarters: [5] }, groupBy: [] }, 'quarters'],
        [{ filter: { providerIds: ['nope'] }, groupBy: [] }, 'providerIds'],
      ];
      for (const [variables, field] of cases) {
        const result = await app.gql(SPEND, variables, directorate);
        expect({ field, code: errorCode(result) }).toEqual({ field, code: 'BAD_USER_INPUT' });
        expect(result.errors![0].message).toContain(field);
      }
    });
  });

  describe('inclusion, sustainability and outcomes', () => {
    it('shows the share of money reaching each income band and organisations under GBP 1m', async () => {
      const result = expectOk(
        await app.gql(
          // The year written in the document: a filter in a variable narrows nothing in the cost
          // analysis, and the rows with both breakdowns would cost 12 x REPORT_MAX_ROWS (refused).
          `{ spendInclusion(filter: { financialYears: ["2026-27"] }) {
             rows { regionCode financialYear committed { amount } paid { amount } providersFunded committedShareUnder1m paidShareUnder1m providersFundedUnder1m
               byIncomeBand { incomeBand committed { amount } committedShare paidShare providers }
               byOrganisationType { organisationType committed { amount } committedShare } }
             totals { committed { amount } providersFunded committedShareUnder1m providersFundedUnder1m byIncomeBand { incomeBand committedShare } } } }`,
          {},
          directorate,
        ),
      ).spendInclusion;
      const nw = result.rows.find((r: { regionCode: string }) => r.regionCode === 'north-west');
      // 2026-27 north-west commitments: housing 9,350.00 (UNDER_100K at award), 1,700.00 (FROM_1M_TO_10M after the
      // change) and the April share of the large provider's February-April contract, 669.24 (committed per financial year).
      expect(nw.committed.amount).toBe('11719.24');
      expect(nw.committedShareUnder1m).toBeCloseTo(9350 / 11719.24, 4);
      expect(nw.providersFunded).toBe(2); // small, and large (paid in Q1 for a 2025-26 contract)
      for (const row of [...result.rows, result.totals]) {
        const shares = row.byIncomeBand.map((b: { committedShare: number | null }) => b.committedShare ?? 0);
        if (parsePence(row.committed.amount) > 0n) expect(shares.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 3);
      }
      const totalCommitted = result.rows.reduce((s: bigint, r: { committed: { amount: string } }) => s + parsePence(r.committed.amount), 0n);
      expect(formatPence(totalCommitted)).toBe(result.totals.committed.amount);
      expect(result.totals.providersFunded).toBe(3);
    });

    it('shows the gap between price and declared full cost, by region and provider', async () => {
      const result = expectOk(
        await app.gql(
          `query { sustainabilityGap(groupBy: [REGION, PROVIDER]) {
             rows { regionCode providerId contracts contractsBelowCost committed { amount } declaredFullCost { amount } gap { amount } fullCostCovered }
             totals { contracts contractsBelowCost gap { amount } } } }`,
          {},
          directorate,
        ),
      ).sustainabilityGap;
      const row = (provider: string, region: string) => result.rows.find((r: Row) => r.providerId === provider && r.regionCode === region);
      // 10 units (varied to 11) + 2 units at 850.00 against a declared 1,000.00: 150.00 a unit.
      expect(row(small.id, 'north-west')).toMatchObject({
        contracts: 2,
        contractsBelowCost: 2,
        gap: { amount: '1950.00' },
        declaredFullCost: { amount: '13000.00' },
      });
      expect(row(small.id, 'north-west').fullCostCovered).toBeCloseTo(0.85, 4);
      expect(row(large.id, 'london')).toMatchObject({ contractsBelowCost: 0, gap: { amount: '0.00' }, fullCostCovered: 1 });
      expect(row(medium.id, 'london')).toMatchObject({ gap: { amount: '1500.00' } });
      expect(result.totals).toEqual({ contracts: 5, contractsBelowCost: 3, gap: { amount: '3450.00' } });

      const offers = expectOk(
        await app.gql(
          `{ underpricedOffers(first: 10) { totalCount edges { node { title providerName unitPrice { amount } gapPerUnit { amount } } } } }`,
          {},
          cara,
        ),
      ).underpricedOffers;
      // Cara (north-west) sees the under-priced housing offer; the London wellbeing offer is not in her regions.
      expect(offers.totalCount).toBe(1);
      expect(offers.edges[0].node).toMatchObject({ unitPrice: { amount: '850.00' }, gapPerUnit: { amount: '150.00' } });
      const all = expectOk(await app.gql(`{ underpricedOffers(first: 10) { totalCount } }`, {}, directorate)).underpricedOffers;
      expect(all.totalCount).toBe(2);
    });

    it('shows the cost per outcome achieved from approved reports', async () => {
      const rows = expectOk(
        await app.gql(
          `{ costPerOutcome { measureCode category contracts periodsReported targetsMet outcomesAchieved cost { amount } costPerOutcome { amount } } }`,
          {},
          directorate,
        ),
      ).costPerOutcome;
      const [paid] = await ledger(`SELECT sum(amount_pence)::text AS p FROM payment WHERE contract_id = $1 AND period = '2026-27-Q1'`, [
        contracts.housing.id,
      ]);
      // One measure (ACC-03, weight 100, target 0.5): an actual of 0.6 meets it, one outcome.
      expect(rows).toEqual([
        {
          measureCode: 'ACC-03',
          category: 'ACCOMMODATION',
          contracts: 1,
          periodsReported: 1,
          targetsMet: 1,
          outcomesAchieved: 1,
          cost: { amount: formatPence(BigInt(paid.p)) },
          costPerOutcome: { amount: formatPence(BigInt(paid.p)) },
        },
      ]);
      expect(errorCode(await app.gql(`{ costPerOutcome { measureCode } }`, {}, small.token))).toBe('FORBIDDEN');
    });
  });

  describe('CSV export', () => {
    const download = (query: string, token?: string) =>
      fetch(`${app.url}/exports/spend.csv?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const parse = (text: string) =>
      text
        .trimEnd()
        .split('\r\n')
        .map((line) => line.split(','));

    it('downloads the same rows as the query, amounts in pounds, with a header row', async () => {
      const response = await download('groupBy=REGION,PROVIDER&financialYears=2026-27', directorate);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toContain('spend-region-provider.csv');
      const [header, ...lines] = parse(await response.text());
      expect(header).toEqual([
        'regionCode',
        'providerId',
        'providerName',
        'committed',
        'paid',
        'fixedPaid',
        'outcomePaid',
        'outstanding',
        'contracts',
        'providers',
      ]);
      const { rows } = await spend({ financialYears: ['2026-27'] }, ['REGION', 'PROVIDER']);
      expect(lines).toEqual(
        rows.map((r) => [
          r.regionCode,
          r.providerId,
          r.providerName,
          r.committed.amount,
          r.paid.amount,
          r.fixedPaid.amount,
          r.outcomePaid.amount,
          r.outstanding.amount,
          String(r.contracts),
          String(r.providers),
        ]),
      );
      expect(lines.every((l) => /^-?\d+\.\d{2}$/.test(l[3]))).toBe(true);
    });

    it('applies the same visibility and refuses bad parameters naming them', async () => {
      expect((await download('groupBy=REGION')).status).toBe(401);
      expect((await download('groupBy=REGION', small.token)).status).toBe(403);
      const mine = parse(await (await download('groupBy=REGION', cara)).text());
      expect(mine.slice(1).map((l) => l[0])).toEqual(['north-west']);
      const foreign = await download('regionCodes=london', cara);
      expect(foreign.status).toBe(403);
      for (const [query, parameter] of [
        ['groupBy=REGION,NOPE', 'groupBy'],
        ['financialYears=2026', 'financialYears'],
        ['quarters=1,x', 'quarters'],
        ['incomeBands=HUGE', 'incomeBands'],
        ['colour=red', 'colour'],
      ]) {
        const response = await download(query, directorate);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        const body = (await response.json()) as { error: { code: string; parameter: string; message: string } };
        expect(body.error).toMatchObject({ code: 'BAD_USER_INPUT', parameter });
        expect(body.error.message).toContain(parameter);
      }
    });

    it('also downloads the sustainability gap', async () => {
      const response = await fetch(`${app.url}/exports/sustainability-gap.csv?groupBy=PROVIDER`, { headers: { authorization: `Bearer ${auditor}` } });
      const [header, ...lines] = parse(await response.text());
      expect(header).toEqual(['providerId', 'providerName', 'contracts', 'contractsBelowCost', 'committed', 'declaredFullCost', 'gap']);
      expect(lines).toHaveLength(3);
    });
  });
});
