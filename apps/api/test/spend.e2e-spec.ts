import { financialQuarterOf, financialYearOf, formatPence, parsePence } from '@mkt/common';
import { recordPayment } from './harness/contract-factories';
import { expectOk } from './harness/test-app';
import {
  GROUP_KEYS,
  MONEY,
  app,
  cara,
  colin,
  contracts,
  directorate,
  groupings,
  large,
  ledger,
  small,
  spend,
  sumOf,
  useSpendWorld,
  type Figures,
  type Row,
} from './harness/spend-world';

describe('spend', () => {
  useSpendWorld();

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
    // 2,000.00 from 1 February to 30 April 2026 is committed per financial year (issue 13): 59 of Q4's 90 days
    // against 30 of Q1's 91, so 1,330.76 in 2025-26 and 669.24 in 2026-27, each with 20% on outcomes.
    expect(jn.value).toBe('2000.00');
    expect(at('north-west', '2025-26', 4)).toMatchObject({
      committed: { amount: '1330.76' },
      paid: { amount: jn.schedule[0].fixedDue },
      contracts: 1,
      outstanding: { amount: '266.15' }, // its fixed instalment paid; the outcome part not
    });
    expect(at('north-west', '2026-27', 1)).toMatchObject({
      committed: { amount: '669.24' },
      paid: { amount: jn.schedule[1].fixedDue },
      contracts: 0,
      outstanding: { amount: '133.85' },
    });
    expect(at('london', '2026-27', 2)).toMatchObject({
      committed: { amount: '3000.00' },
      paid: { amount: '1000.00' },
      outstanding: { amount: '2000.00' },
    });

    // Reconciles per financial year too: each contract's commitment for the year (its budget phase),
    // payments made in the year, and payments for the year's periods settling that commitment.
    const [y] = await ledger(`SELECT
      (SELECT sum(amount_pence) FROM contract_budget_phase WHERE financial_year = '2026-27')::text AS committed,
      (SELECT sum(amount_pence) FROM payment WHERE paid_on BETWEEN '2026-04-01' AND '2027-03-31')::text AS paid,
      (SELECT sum(p.amount_pence) FROM payment p WHERE p.period LIKE '2026-27-%')::text AS settled`);
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
          paidOn: '2026-10-31', // both contracts end on 31 October: their Q3 instalments are due (in arrears) from then
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
    await ledger('SELECT rebuild_contract_summary()');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to let a contract change the columns the summary is keyed by', async () => {
    await expect(ledger(`UPDATE contract SET start_date = start_date + 1 WHERE id = $1`, [contracts.housing.id])).rejects.toThrow(/never change/);
  });
});
