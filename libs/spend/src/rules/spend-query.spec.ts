import { SpendGroupKey } from '../dtos/spend.inputs';
import { buildSpendQuery, FINE_SUMMARY, ROLLUP_SUMMARY } from './spend-query';
import { scaledDecimal, share } from './shares';
import { parseSpendCsvQuery } from '../exports/spend-csv';

describe('spend query', () => {
  it('reads the roll-up unless a PDU or a category is asked for', () => {
    const q = (filter: object, groupBy: SpendGroupKey[]) =>
      buildSpendQuery({ filter, groupBy, measures: 'spend', withProviders: false, withTotals: true }).table;
    expect(q({}, [SpendGroupKey.REGION, SpendGroupKey.PROVIDER, SpendGroupKey.FINANCIAL_QUARTER])).toBe(ROLLUP_SUMMARY);
    expect(q({ incomeBands: ['UNDER_100K'] }, [SpendGroupKey.INCOME_BAND])).toBe(ROLLUP_SUMMARY);
    expect(q({}, [SpendGroupKey.PDU])).toBe(FINE_SUMMARY);
    expect(q({ categories: ['ACCOMMODATION'] }, [])).toBe(FINE_SUMMARY);
    expect(q({ categories: [] }, [])).toBe(ROLLUP_SUMMARY);
  });

  it('limits the group rows to the asked number, never the totals row (one statement)', () => {
    const sql = (withProviders: boolean, groupBy: SpendGroupKey[], rowLimit?: number) =>
      buildSpendQuery({ filter: {}, groupBy, measures: 'spend', withProviders, withTotals: true, rowLimit }).sql;
    for (const [withProviders, groupBy] of [
      [false, [SpendGroupKey.REGION]],
      [true, [SpendGroupKey.REGION]],
      [true, [SpendGroupKey.PROVIDER]],
    ] as const) {
      const limited = sql(withProviders, [...groupBy], 20_001);
      // The rows part, parenthesised with its LIMIT, then the totals part whole; ordered outside.
      expect(limited).toMatch(/FROM \(\(SELECT [\s\S]+ GROUP BY s\.\w+ LIMIT 20001\) UNION ALL SELECT [\s\S]+ true AS is_total FROM [^()]+\) g/);
      expect(limited.match(/LIMIT/g)).toHaveLength(1);
      expect(sql(withProviders, [...groupBy])).not.toContain('LIMIT');
    }
    // No keys: the totals row only, nothing to limit.
    expect(sql(false, [], 5)).not.toContain('LIMIT');
  });

  it('groups a financial quarter with its year, once, and parameterises every filter', () => {
    const query = buildSpendQuery({
      filter: { financialYears: ['2026-27'], regionCodes: ["x'; DROP TABLE payment; --"] },
      groupBy: [SpendGroupKey.FINANCIAL_YEAR, SpendGroupKey.FINANCIAL_QUARTER],
      regions: ['north-west'],
      measures: 'spend',
      withProviders: true,
      withTotals: true,
    });
    expect(query.columns).toEqual(['financial_year', 'quarter']);
    expect(query.params).toEqual([['2026-27'], ["x'; DROP TABLE payment; --"], ['north-west']]);
    expect(query.sql).not.toContain('DROP');
    expect(query.sql).toContain('GROUP BY s.financial_year, s.quarter');
    expect(query.sql).toContain('GROUP BY s.financial_year, s.quarter, s.provider_id');
    expect(query.sql).toContain('true AS is_total');
  });

  it('computes only the figures asked for, always with the contract count', () => {
    const build = (figures?: ('committed' | 'paid' | 'outstanding')[]) =>
      buildSpendQuery({ filter: {}, groupBy: [SpendGroupKey.REGION], measures: 'spend', withProviders: false, withTotals: true, figures }).sql;
    const some = build(['paid']);
    expect(some).toContain('AS paid');
    expect(some).toContain('AS contracts');
    expect(some).not.toContain('AS committed');
    expect(some).not.toContain('AS outstanding');
    const none = build([]);
    expect(none).toContain('AS contracts');
    expect(none).not.toContain('AS paid');
    for (const column of ['committed', 'paid', 'fixed_paid', 'outcome_paid', 'outstanding', 'contracts']) expect(build()).toContain(`AS ${column}`);
  });

  it('takes shares to four places, rounded once', () => {
    expect(share(1n, 3n)).toBe(0.3333);
    expect(share(2n, 3n)).toBe(0.6667);
    expect(share(5n, 0n)).toBeNull();
    expect(scaledDecimal('1.500000', 6)).toBe(1_500_000n);
    expect(scaledDecimal('2', 6)).toBe(2_000_000n);
  });
});

describe('spend CSV parameters', () => {
  it('reads comma-separated lists under the GraphQL argument names', () => {
    expect(parseSpendCsvQuery({ groupBy: 'REGION,PROVIDER', financialYears: '2026-27,2027-28', quarters: '1, 2' })).toMatchObject({
      groupBy: ['REGION', 'PROVIDER'],
      filter: { financialYears: ['2026-27', '2027-28'], quarters: [1, 2] },
    });
    expect(parseSpendCsvQuery({ regionCodes: ['north-west', 'wales'] }).filter.regionCodes).toEqual(['north-west', 'wales']);
  });

  it.each([
    [{ groupBy: 'REGION,REGION' }, 'groupBy'],
    [{ groupBy: 'COUNTY' }, 'groupBy'],
    [{ quarters: '0' }, 'quarters'],
    [{ quarters: 'one' }, 'quarters'],
    [{ financialYears: '2026-2027' }, 'financialYears'],
    [{ providerIds: 'abc' }, 'providerIds'],
    [{ categories: 'HOUSING' }, 'categories'],
    [{ organisationTypes: 'CLUB' }, 'organisationTypes'],
    [{ first: '10' }, 'first'],
  ])('refuses %p naming %s', (query, parameter) => {
    expect(() => parseSpendCsvQuery(query)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { parameter } }));
  });
});
