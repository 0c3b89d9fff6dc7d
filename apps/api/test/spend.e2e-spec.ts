import { Role } from '@mkt/auth';
import { financialQuarterOf, financialYearOf, formatPence, parsePence } from '@mkt/common';
import {
  awardContract,
  ContractHandle,
  createPublishedOffer,
  recordPayment,
  registerOrganisation,
  reportAndApprove,
  reversePayment,
  setBudget,
} from './harness/contract-factories';
import { ProviderHandle } from './harness/factories';
import { errorCode, expectOk, startTestApp, TestApp } from './harness/test-app';

const FIGURES = 'committed { amount } paid { amount } fixedPaid { amount } outcomePaid { amount } outstanding { amount } contracts providers';
const KEYS = 'regionCode pduCode providerId providerName category incomeBand organisationType financialYear quarter';
const SPEND = `query ($filter: SpendFilter, $groupBy: [SpendGroupKey!]) {
  spend(filter: $filter, groupBy: $groupBy) { groupBy rows { ${KEYS} ${FIGURES} } totals { ${FIGURES} } } }`;
const GROUP_KEYS = ['REGION', 'PDU', 'PROVIDER', 'CATEGORY', 'INCOME_BAND', 'ORGANISATION_TYPE', 'FINANCIAL_YEAR', 'FINANCIAL_QUARTER'];
const MONEY = ['committed', 'paid', 'fixedPaid', 'outcomePaid', 'outstanding'] as const;

type Figures = Record<(typeof MONEY)[number], { amount: string }> & { contracts: number; providers: number };
type Row = Figures & Record<string, unknown>;

/** A small deterministic generator, so the "any grouping" property is checked on the same subsets every run. */
function* groupings(seed: number, count: number): Generator<string[]> {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let i = 0; i < count; i++) {
    const mask = (next() >> 16) % (1 << GROUP_KEYS.length); // the high bits: an LCG's low bits cycle fast
    yield GROUP_KEYS.filter((_, bit) => mask & (1 << bit));
  }
}

const sumOf = (rows: Row[], field: (typeof MONEY)[number]) => rows.reduce((s, r) => s + parsePence(r[field].amount), 0n);

describe('spend', () => {
  let app: TestApp;
  let directorate: string;
  let auditor: string;
  let cara: string; // commissioner, north-west
  let colin: string; // second commissioner, north-west (records outcome payments cara approved)
  let lena: string; // commissioner, london
  let small: ProviderHandle; // UNDER_100K charity, north-west
  let large: ProviderHandle; // OVER_10M company, north-west and london
  let medium: ProviderHandle; // FROM_1M_TO_10M charity, london
  const contracts: Record<string, ContractHandle> = {};
  const ledger = (sql: string, params: unknown[] = []) => app.pool.query(sql, params).then((r) => r.rows);
  const spend = async (filter: Record<string, unknown> | undefined, groupBy: string[], token = directorate) =>
    expectOk(await app.gql(SPEND, { filter, groupBy }, token)).spend as { rows: Row[]; totals: Figures; groupBy: string[] };

  beforeAll(async () => {
    app = await startTestApp();
    directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dee' });
    auditor = await app.token({ roles: [Role.AUDITOR], sub: 'auditor-al' });
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'colin' });
    lena = await app.token({ roles: [Role.COMMISSIONER], regions: ['london'], sub: 'lena' });
    await setBudget(app, 'north-west', '2025-26', '50000.00');
    await setBudget(app, 'north-west', '2026-27', '100000.00');
    await setBudget(app, 'london', '2026-27', '100000.00');

    small = await registerOrganisation(app, { incomeBand: 'UNDER_100K', organisationType: 'REGISTERED_CHARITY', regionCodes: ['north-west'] });
    large = await registerOrganisation(app, { incomeBand: 'OVER_10M', organisationType: 'PRIVATE_COMPANY', regionCodes: ['north-west', 'london'] });
    medium = await registerOrganisation(app, { incomeBand: 'FROM_1M_TO_10M', organisationType: 'REGISTERED_CHARITY', regionCodes: ['london'] });
    const housing = await createPublishedOffer(app, small, { unitPrice: '850.00', declaredFullCostPerUnit: '1000.00' });
    const jobs = await createPublishedOffer(app, large, {
      title: 'Employment coaching',
      category: 'EDUCATION_TRAINING_AND_EMPLOYMENT',
      regionCodes: ['north-west', 'london'],
      unitPrice: '500.00',
      declaredFullCostPerUnit: '400.00',
      outcomeCommitments: [{ measureCode: 'ETE-01', expectedRate: 0.4 }],
    });
    const wellbeing = await createPublishedOffer(app, medium, {
      title: 'Wellbeing groups',
      category: 'PERSONAL_WELLBEING',
      regionCodes: ['london'],
      unitPrice: '300.00',
      declaredFullCostPerUnit: '450.00',
      outcomeCommitments: [{ measureCode: 'LSA-01', expectedRate: 0.5 }],
    });

    // 8,500.00 from May to October 2026: three quarterly periods, 20% on outcomes.
    contracts.housing = await awardContract(app, cara, small, {
      offerId: housing.id,
      pduCode: 'liverpool-north',
      quantity: 10,
      startDate: '2026-05-01',
      endDate: '2026-10-31',
    });
    // Starts in 2025-26 Q4: its commitment belongs to that quarter, its payment to the quarter paid.
    contracts.jobsNorth = await awardContract(app, cara, large, {
      offerId: jobs.id,
      pduCode: 'liverpool-south',
      quantity: 4,
      startDate: '2026-02-01',
      endDate: '2026-04-30',
    });
    contracts.jobsLondon = await awardContract(app, lena, large, {
      offerId: jobs.id,
      pduCode: 'greenwich-and-bexley',
      quantity: 6,
      startDate: '2026-07-01',
      endDate: '2026-09-30',
    });
    contracts.wellbeing = await awardContract(app, lena, medium, {
      offerId: wellbeing.id,
      pduCode: 'lewisham-and-bromley',
      quantity: 10,
      startDate: '2026-04-15',
      endDate: '2026-06-30',
    });

    const h = contracts.housing;
    await recordPayment(app, cara, { contractId: h.id, period: '2026-27-Q1', kind: 'FIXED', amount: h.schedule[0].fixedDue, paidOn: '2026-06-15' });
    const wrong = await recordPayment(app, cara, {
      contractId: h.id,
      period: '2026-27-Q2',
      kind: 'FIXED',
      amount: h.schedule[1].fixedDue,
      paidOn: '2026-08-10',
    });
    await reversePayment(app, cara, wrong.id); // paid on today's date, negative
    await recordPayment(app, cara, { contractId: h.id, period: '2026-27-Q2', kind: 'FIXED', amount: h.schedule[1].fixedDue, paidOn: '2026-08-12' });
    const { earned } = await reportAndApprove(app, small, cara, h, '2026-27-Q1', [0.6]);
    await recordPayment(app, colin, { contractId: h.id, period: '2026-27-Q1', kind: 'OUTCOME', amount: earned, paidOn: '2026-09-01' });

    const jn = contracts.jobsNorth;
    await recordPayment(app, cara, { contractId: jn.id, period: '2025-26-Q4', kind: 'FIXED', amount: jn.schedule[0].fixedDue, paidOn: '2026-03-20' });
    await recordPayment(app, cara, { contractId: jn.id, period: '2026-27-Q1', kind: 'FIXED', amount: jn.schedule[1].fixedDue, paidOn: '2026-04-20' });
    const jl = contracts.jobsLondon;
    await recordPayment(app, lena, { contractId: jl.id, period: '2026-27-Q2', kind: 'FIXED', amount: '1000.00', paidOn: '2026-07-20' });
    const w = contracts.wellbeing;
    await recordPayment(app, lena, { contractId: w.id, period: '2026-27-Q1', kind: 'FIXED', amount: w.schedule[0].fixedDue, paidOn: '2026-05-02' });

    // A variation moves the commitment (in the start quarter); the provider then grows a band.
    const varied = expectOk(
      await app.gql(
        `mutation ($input: VaryContractInput!) { varyContract(input: $input) { value { amount } } }`,
        { input: { contractId: h.id, expectedVersion: 1, changes: { value: '9350.00' }, reason: 'Two more referrals agreed' } },
        cara,
      ),
    ).varyContract;
    expect(varied.value.amount).toBe('9350.00');
    const admin = await app.token({ roles: [Role.ADMIN] });
    expectOk(
      await app.gql(`mutation ($id: ID!) { updateOrganisation(id: $id, input: { incomeBand: FROM_1M_TO_10M }) { id } }`, { id: small.id }, admin),
    );
    contracts.housingLater = await awardContract(app, cara, small, {
      offerId: housing.id,
      pduCode: 'liverpool-north',
      quantity: 2,
      startDate: '2026-10-01',
      endDate: '2026-10-31',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('reconciles its totals to the penny with the contracts and the payment ledger', async () => {
    const { totals, rows } = await spend(undefined, []);
    expect(rows).toEqual([]);
    const [book] = await ledger(`SELECT (SELECT sum(value_pence) FROM contract)::text AS committed,
      (SELECT sum(amount_pence) FROM payment)::text AS paid,
      (SELECT sum(amount_pence) FILTER (WHERE kind = 'FIXED') FROM payment)::text AS fixed,
      (SELECT sum(amount_pence) FILTER (WHERE kind = 'OUTCOME') FROM payment)::text AS outcome,
      (SELECT count(*) FROM contract)::int AS contracts`);
    expect(parsePence(totals.committed.amount)).toBe(BigInt(book.committed));
    expect(parsePence(totals.paid.amount)).toBe(BigInt(book.paid));
    expect(parsePence(totals.fixedPaid.amount)).toBe(BigInt(book.fixed));
    expect(parsePence(totals.outcomePaid.amount)).toBe(BigInt(book.outcome));
    expect(parsePence(totals.outstanding.amount)).toBe(BigInt(book.committed) - BigInt(book.paid));
    expect(totals.contracts).toBe(book.contracts);
    expect(totals.providers).toBe(3);
    // 9,350.00 (varied from 8,500.00) + 2,000.00 + 3,000.00 + 3,000.00 + 1,700.00
    expect(totals.committed.amount).toBe('19050.00');
  });

  it('adds every money column of any grouping up to the same totals (several filters, many groupings)', async () => {
    const filters: (Record<string, unknown> | undefined)[] = [
      undefined,
      { financialYears: ['2026-27'] },
      { financialYears: ['2026-27'], quarters: [1, 2] },
      { regionCodes: ['north-west'], incomeBands: ['UNDER_100K', 'OVER_10M'] },
      { categories: ['ACCOMMODATION', 'PERSONAL_WELLBEING'] },
      { pduCodes: ['liverpool-north', 'greenwich-and-bexley'], organisationTypes: ['PRIVATE_COMPANY', 'REGISTERED_CHARITY'] },
    ];
    let checked = 0;
    for (const [i, filter] of filters.entries()) {
      const { totals } = await spend(filter, []);
      for (const groupBy of [...groupings(17 + i, 10), GROUP_KEYS, ['PROVIDER'], ['PDU', 'FINANCIAL_QUARTER']]) {
        const { rows, totals: again } = await spend(filter, groupBy);
        expect(again).toEqual(totals);
        if (!groupBy.length) expect(rows).toEqual([]);
        if (!groupBy.length) continue;
        for (const column of MONEY)
          expect({ filter, groupBy, column, sum: formatPence(sumOf(rows, column)) }).toEqual({ filter, groupBy, column, sum: totals[column].amount });
        expect(rows.reduce((s, r) => s + r.contracts, 0)).toBe(totals.contracts);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(filters.length * 10);
  });

  it('computes only the figures a query selects, with the same values as the full selection', async () => {
    const groupBy = ['REGION', 'PROVIDER', 'FINANCIAL_QUARTER'];
    const full = await spend(undefined, groupBy);
    const partial = expectOk(
      await app.gql(
        `query ($groupBy: [SpendGroupKey!]) {
          spend(groupBy: $groupBy) { rows { regionCode providerId quarter ...Paid } totals { committed { amount } } }
        }
        fragment Paid on SpendRow { paid { amount } }`,
        { groupBy },
        directorate,
      ),
    ).spend as { rows: Row[]; totals: Figures };
    expect(partial.rows.length).toBeGreaterThan(0);
    expect(partial.rows).toEqual(full.rows.map((r) => ({ regionCode: r.regionCode, providerId: r.providerId, quarter: r.quarter, paid: r.paid })));
    expect(partial.totals).toEqual({ committed: full.totals.committed });
    const onlyKeys = expectOk(await app.gql(`{ spend(groupBy: [REGION]) { rows { regionCode } totals { contracts } } }`, {}, directorate)).spend;
    expect(onlyKeys.totals.contracts).toBe(full.totals.contracts);
    expect(onlyKeys.rows.map((r: Row) => r.regionCode)).toEqual([...new Set(full.rows.map((r) => r.regionCode))]);
  });

  it('counts a commitment in the quarter of the start date and a payment in the quarter paid', async () => {
    const { rows } = await spend({ providerIds: [large.id] }, ['REGION', 'FINANCIAL_QUARTER']);
    const at = (region: string, year: string, quarter: number) =>
      rows.find((r) => r.regionCode === region && r.financialYear === year && r.quarter === quarter);
    const jn = contracts.jobsNorth;
    expect(at('north-west', '2025-26', 4)).toMatchObject({
      committed: { amount: '2000.00' },
      paid: { amount: jn.schedule[0].fixedDue },
      contracts: 1,
      outstanding: { amount: '400.00' }, // both fixed instalments paid (one in the next year); the outcome part not
    });
    expect(at('north-west', '2026-27', 1)).toMatchObject({ committed: { amount: '0.00' }, paid: { amount: jn.schedule[1].fixedDue }, contracts: 0 });
    expect(at('london', '2026-27', 2)).toMatchObject({
      committed: { amount: '3000.00' },
      paid: { amount: '1000.00' },
      outstanding: { amount: '2000.00' },
    });

    // Reconciles per financial year too: commitments that started in the year, payments made in it.
    const [y] = await ledger(`SELECT
      (SELECT sum(value_pence) FROM contract WHERE start_date BETWEEN '2026-04-01' AND '2027-03-31')::text AS committed,
      (SELECT sum(amount_pence) FROM payment WHERE paid_on BETWEEN '2026-04-01' AND '2027-03-31')::text AS paid,
      (SELECT sum(p.amount_pence) FROM payment p JOIN contract c ON c.id = p.contract_id
        WHERE c.start_date BETWEEN '2026-04-01' AND '2027-03-31')::text AS settled`);
    const { totals } = await spend({ financialYears: ['2026-27'] }, []);
    expect(parsePence(totals.committed.amount)).toBe(BigInt(y.committed));
    expect(parsePence(totals.paid.amount)).toBe(BigInt(y.paid));
    expect(parsePence(totals.outstanding.amount)).toBe(BigInt(y.committed) - BigInt(y.settled));
  });

  it('nets reversals, and moves the commitment when a contract is varied', async () => {
    const { rows } = await spend({ providerIds: [small.id] }, ['FINANCIAL_QUARTER']);
    const h = contracts.housing;
    const q1 = rows.find((r) => r.financialYear === '2026-27' && r.quarter === 1)!;
    expect(q1.committed.amount).toBe('9350.00');
    // The reversal is dated the day it was recorded: it nets out in today's quarter.
    const today = new Date().toISOString().slice(0, 10);
    const now = rows.find((r) => r.financialYear === financialYearOf(today) && r.quarter === financialQuarterOf(today))!;
    expect(parsePence(now.paid.amount)).toBe(-parsePence(h.schedule[1].fixedDue));
    const q3 = rows.find((r) => r.financialYear === '2026-27' && r.quarter === 3)!;
    expect(q3.committed.amount).toBe('1700.00'); // the later contract started in October
  });

  it("groups by the provider's income band at the time of the award", async () => {
    const { rows } = await spend({ providerIds: [small.id] }, ['INCOME_BAND']);
    expect(rows.map((r) => [r.incomeBand, r.committed.amount, r.contracts])).toEqual(
      [
        ['UNDER_100K', '9350.00', 1],
        ['FROM_1M_TO_10M', '1700.00', 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('counts the distinct providers funded in each group and overall', async () => {
    const { rows, totals } = await spend({ financialYears: ['2026-27'] }, ['REGION', 'CATEGORY']);
    const direct = await ledger(`SELECT c.region_code, c.category, count(DISTINCT c.provider_id)::int AS n FROM contract c
      WHERE c.start_date BETWEEN '2026-04-01' AND '2027-03-31'
         OR EXISTS (SELECT 1 FROM payment p WHERE p.contract_id = c.id AND p.paid_on BETWEEN '2026-04-01' AND '2027-03-31')
      GROUP BY 1, 2`);
    expect(rows.map((r) => [r.regionCode, r.category, r.providers]).sort()).toEqual(direct.map((d) => [d.region_code, d.category, d.n]).sort());
    expect(totals.providers).toBe(3);
    const byRegion = await spend(undefined, ['REGION']);
    expect(byRegion.rows.map((r) => [r.regionCode, r.providers])).toEqual([
      ['london', 2],
      ['north-west', 2],
    ]);
  });

  it('labels providers and orders rows by the group keys', async () => {
    const { rows } = await spend(undefined, ['PROVIDER', 'REGION']);
    expect(rows.map((r) => [r.providerName, r.regionCode])).toEqual(
      [...rows.map((r) => [r.providerName, r.regionCode])].sort((a, b) =>
        `${String(a[0])}|${String(a[1])}`.localeCompare(`${String(b[0])}|${String(b[1])}`),
      ),
    );
    expect(rows.every((r) => typeof r.providerName === 'string' && r.pduCode === null)).toBe(true);
    expect(rows.find((r) => r.providerId === large.id && r.regionCode === 'london')!.providers).toBe(1);
  });

  it('takes concurrent payments to one provider, region and quarter without losing any or deadlocking', async () => {
    const before = await spend({ providerIds: [small.id] }, []);
    const targets = [contracts.housing, contracts.housingLater];
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        recordPayment(app, i % 2 ? colin : cara, {
          contractId: targets[i % 2].id,
          period: '2026-27-Q3',
          kind: 'FIXED',
          amount: '1.25',
          paidOn: '2026-10-15',
        }),
      ),
    );
    expect(results).toHaveLength(16);
    const after = await spend({ providerIds: [small.id] }, []);
    expect(parsePence(after.totals.paid.amount) - parsePence(before.totals.paid.amount)).toBe(16n * 125n);
  });

  it('keeps the summaries equal to a rebuild from scratch', async () => {
    const snapshot = async () => ({
      fine: await ledger('SELECT * FROM spend_contract_quarter ORDER BY contract_id, financial_year, quarter'),
      rollup: await ledger(
        'SELECT * FROM spend_provider_quarter ORDER BY provider_id, region_code, income_band, organisation_type, financial_year, quarter',
      ),
    });
    const before = await snapshot();
    expect(before.fine.length).toBeGreaterThan(5);
    await ledger('SELECT rebuild_spend_summary()');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to let a contract change the columns the summary is keyed by', async () => {
    await expect(ledger(`UPDATE contract SET start_date = start_date + 1 WHERE id = $1`, [contracts.housing.id])).rejects.toThrow(/never change/);
  });

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
      // 2026-27 north-west commitments: housing 9,350.00 (UNDER_100K at award) and 1,700.00 (FROM_1M_TO_10M after the change).
      expect(nw.committed.amount).toBe('11050.00');
      expect(nw.committedShareUnder1m).toBeCloseTo(9350 / 11050, 4);
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
