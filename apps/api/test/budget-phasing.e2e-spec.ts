import { Role } from '@mkt/auth';
import { financialYearOf } from '@mkt/common';
import { createPublishedOffer, ProviderHandle, registerProvider } from './harness/factories';
import { recordPayment, varyAndAgree } from './harness/contract-factories';
import {
  answer,
  phaseAmounts,
  placeOrder,
  pots,
  potsBy,
  setPot,
  setToday,
  startPhasingApp,
  sumPence,
  pence,
  type PhaseOfOrder,
} from './harness/phasing-world';
import { errorCode, expectOk, TestApp } from './harness/test-app';

/**
 * Commitments by financial year (issue 13), through the API: an order's value is phased over the
 * financial years its schedule reaches, each year reserved on that year's pot, committed on
 * acceptance and released on every way out; payments and released outcome money move the pot of
 * the period's year; the forecast outturn reconciles with the pots, the schedules and the payments.
 * Concurrency: budget-phasing-concurrency.e2e-spec.ts.
 */
describe('budgets phased by financial year', () => {
  let app: TestApp;
  let cara: string; // commissioner, north-west and north-east
  let colin: string; // second commissioner, approves and pays
  let provider: ProviderHandle;
  let offerId: string;
  let contractId: string;
  let wellbeingContract: string; // PERSONAL_WELLBEING, 2027-28 and 2028-29 (the forecast test)
  const YEARS = ['2026-27', '2027-28', '2028-29', '2029-30', '2030-31'];
  // 37,000.00 from 1 July 2026 to 30 June 2029, quarterly, 20% on outcomes: fixed 29,600.00 and outcome
  // 7,400.00 over 12 full quarters: 2,466.66 + 616.66 a quarter (rounded down), the last quarter takes
  // the rest (2,466.74 + 616.74). Per year: 3, 4, 4 and 1 quarters.
  const PHASES = { '2026-27': '9249.96', '2027-28': '12333.28', '2028-29': '12333.28', '2029-30': '3083.48' };
  const ZEROES = Object.fromEntries(YEARS.map((y) => [y, '0.00']));
  const threeYears = (extra: Record<string, unknown> = {}) => ({
    offerId,
    pduCode: 'liverpool-north',
    quantity: 37,
    startDate: '2026-07-01',
    endDate: '2029-06-30',
    reportingPeriod: 'QUARTERLY',
    outcomeSharePercent: 20,
    ...extra,
  });

  beforeAll(async () => {
    app = await startPhasingApp();
    setToday(app, '2026-06-15');
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west', 'north-east'], sub: 'cara' });
    colin = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west', 'north-east'], sub: 'colin' });
    for (const financialYear of YEARS.slice(0, 4)) await setPot(app, { regionCode: 'north-west', financialYear, amount: '50000.00' });
    await setPot(app, { regionCode: 'north-west', financialYear: '2030-31', amount: '20000.00' }); // the contract does not reach it
    provider = await registerProvider(app, { regionCodes: ['north-west', 'north-east'] });
    offerId = (await createPublishedOffer(app, provider, { unitPrice: '1000.00', capacityPerMonth: 50, regionCodes: ['north-west', 'north-east'] }))
      .id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('phases a three-year order over four financial years, reserved on placing and committed on acceptance', async () => {
    const order = expectOk(await placeOrder(app, cara, threeYears())).placeOrder;
    expect(order).toMatchObject({ status: 'SUBMITTED', total: { amount: '37000.00' }, financialYear: '2026-27', indicativeBudget: false });
    expect(order.budgetPhases.map((p: PhaseOfOrder) => p.financialYear)).toEqual(['2026-27', '2027-28', '2028-29', '2029-30']);
    expect(phaseAmounts(order.budgetPhases)).toEqual(PHASES);
    expect(sumPence(order.budgetPhases.map((p: PhaseOfOrder) => p.amount.amount))).toBe(pence(order.total.amount)); // to the penny
    expect(order.budgetPhases.every((p: PhaseOfOrder) => !p.indicative)).toBe(true);
    // Each phase is on its own year's pot.
    const ids = await potsBy(app, 'north-west', 'id');
    expect(order.budgetPhases.map((p: PhaseOfOrder) => p.budgetId)).toEqual(['2026-27', '2027-28', '2028-29', '2029-30'].map((y) => ids[y]));

    expect(await potsBy(app, 'north-west', 'reserved')).toEqual({ ...ZEROES, ...PHASES });
    expect(await potsBy(app, 'north-west', 'committed')).toEqual(ZEROES);
    expect(await potsBy(app, 'north-west', 'remaining')).toEqual({
      '2026-27': '40750.04',
      '2027-28': '37666.72',
      '2028-29': '37666.72',
      '2029-30': '46916.52',
      '2030-31': '20000.00',
    });

    const accepted = expectOk(await answer(app, 'acceptOrder', order.id, provider.token)).acceptOrder;
    contractId = accepted.contract.id;
    expect(await potsBy(app, 'north-west', 'reserved')).toEqual(ZEROES);
    expect(await potsBy(app, 'north-west', 'committed')).toEqual({ ...ZEROES, ...PHASES });
    const contract = expectOk(
      await app.gql(
        `query ($id: ID!) { contract(id: $id) { budgetPhases { financialYear committed { amount } paid { amount } } } }`,
        { id: contractId },
        cara,
      ),
    ).contract;
    expect(
      Object.fromEntries(
        contract.budgetPhases.map((p: { financialYear: string; committed: { amount: string } }) => [p.financialYear, p.committed.amount]),
      ),
    ).toEqual(PHASES);
  });

  it('releases every year when an order is rejected, withdrawn or declined', async () => {
    const committed = await potsBy(app, 'north-west', 'committed');
    // A declared conflict of interest sends the order for approval by someone else; colin rejects it.
    const conflicted = expectOk(await placeOrder(app, cara, threeYears({ conflictOfInterestDeclared: true }))).placeOrder;
    expect(conflicted.status).toBe('PENDING_APPROVAL');
    expect(phaseAmounts(conflicted.budgetPhases)).toEqual(PHASES);
    expect(await potsBy(app, 'north-west', 'reserved')).toEqual({ ...ZEROES, ...PHASES });
    expect(expectOk(await answer(app, 'rejectOrder', conflicted.id, colin, 'Not value for money')).rejectOrder.status).toBe('REJECTED');
    expect(await potsBy(app, 'north-west', 'reserved')).toEqual(ZEROES);

    const withdrawn = expectOk(await placeOrder(app, cara, threeYears({ quantity: 12 }))).placeOrder;
    expect(Object.keys(phaseAmounts(withdrawn.budgetPhases))).toEqual(['2026-27', '2027-28', '2028-29', '2029-30']);
    expect(expectOk(await answer(app, 'withdrawOrder', withdrawn.id, cara, 'Placed twice')).withdrawOrder.status).toBe('WITHDRAWN');
    const declined = expectOk(await placeOrder(app, cara, threeYears({ quantity: 5 }))).placeOrder;
    expect(expectOk(await answer(app, 'declineOrder', declined.id, provider.token, 'No capacity')).declineOrder.status).toBe('DECLINED');

    expect(await potsBy(app, 'north-west', 'reserved')).toEqual(ZEROES);
    expect(await potsBy(app, 'north-west', 'committed')).toEqual(committed);
    const { rows } = await app.pool.query(
      `SELECT o.status, count(*)::int AS phases, sum(ph.amount_pence)::text AS phased, min(o.total_pence)::text AS total
       FROM order_budget_phase ph JOIN service_order o ON o.id = ph.order_id WHERE o.id = ANY($1) GROUP BY o.id, o.status ORDER BY o.status`,
      [[conflicted.id, withdrawn.id, declined.id]],
    );
    // The phases stay as the record of what was asked for; each sums to its order's total.
    expect(rows.map((r) => [r.status, r.phases, r.phased === r.total])).toEqual([
      ['DECLINED', 4, true],
      ['REJECTED', 4, true],
      ['WITHDRAWN', 4, true],
    ]);
  });

  it('lets a later year draw on an indicative allocation, flagged, but never the first year', async () => {
    await setPot(app, { regionCode: 'north-east', financialYear: '2026-27', amount: '20000.00' });
    await setPot(app, { regionCode: 'north-east', financialYear: '2027-28', amount: '20000.00', indicative: true });
    // 8,000.00 from 1 October 2026 to 30 September 2027, no outcome share: 2,000.00 a quarter, two in each year.
    const twoYears = { offerId, pduCode: 'newcastle-upon-tyne', quantity: 8, startDate: '2026-10-01', endDate: '2027-09-30', outcomeSharePercent: 0 };
    const order = expectOk(await placeOrder(app, cara, twoYears)).placeOrder;
    expect(order.indicativeBudget).toBe(true);
    expect(order.budgetPhases.map((p: PhaseOfOrder) => [p.financialYear, p.amount.amount, p.indicative])).toEqual([
      ['2026-27', '4000.00', false],
      ['2027-28', '4000.00', true],
    ]);
    expect(await potsBy(app, 'north-east', 'reserved')).toEqual({ '2026-27': '4000.00', '2027-28': '4000.00' });

    // Confirming the allocation (set again, firm) clears the flag on every order drawing on it.
    await setPot(app, { regionCode: 'north-east', financialYear: '2027-28', amount: '20000.00', indicative: false });
    const read = expectOk(
      await app.gql(`query ($id: ID!) { order(id: $id) { indicativeBudget budgetPhases { indicative } } }`, { id: order.id }, cara),
    ).order;
    expect(read).toEqual({ indicativeBudget: false, budgetPhases: [{ indicative: false }, { indicative: false }] });

    // An order whose first year has only an indicative allocation is refused, and nothing is reserved.
    await setPot(app, { regionCode: 'north-east', financialYear: '2028-29', amount: '20000.00', indicative: true });
    const refused = await placeOrder(app, cara, { ...twoYears, startDate: '2028-04-01', endDate: '2028-09-30' });
    expect(errorCode(refused)).toBe('BUDGET_NOT_SET');
    expect(refused.errors![0].extensions).toMatchObject({ regionCode: 'north-east', financialYear: '2028-29', indicative: true });
    expect(refused.errors![0].message).toContain('Only an indicative budget is set for north-east in 2028-29');
    // A year with no pot at all is refused too, naming the year (2027-28 firm, 2028-29 indicative, 2029-30 none).
    const unfunded = await placeOrder(app, cara, { ...twoYears, startDate: '2027-10-01', endDate: '2029-09-30' });
    expect(errorCode(unfunded)).toBe('BUDGET_NOT_SET');
    expect(unfunded.errors![0].extensions).toMatchObject({ regionCode: 'north-east', financialYear: '2029-30' });
    expect(await potsBy(app, 'north-east', 'reserved')).toEqual({ '2026-27': '4000.00', '2027-28': '4000.00', '2028-29': '0.00' });
    expectOk(await answer(app, 'withdrawOrder', order.id, cara, 'Tidy up'));
  });

  it('pays a later period from its own year, and releases unearned outcome money from the report’s year', async () => {
    setToday(app, '2026-10-10');
    await recordPayment(app, colin, { contractId, period: '2026-27-Q2', kind: 'FIXED', amount: '2466.66', paidOn: '2026-10-05' });
    expect(await potsBy(app, 'north-west', 'paid')).toMatchObject({ '2026-27': '2466.66', '2027-28': '0.00' });

    setToday(app, '2027-07-15');
    await recordPayment(app, colin, { contractId, period: '2027-28-Q1', kind: 'FIXED', amount: '2466.66', paidOn: '2027-07-10' });
    expect(await potsBy(app, 'north-west', 'paid')).toEqual({ ...ZEROES, '2026-27': '2466.66', '2027-28': '2466.66' });
    expect(await potsBy(app, 'north-west', 'committed')).toEqual({ ...ZEROES, ...PHASES }); // paid is part of committed

    // The 2027-28-Q1 report: ACC-03 at 0.25 against a target of 0.5 (baseline 0) achieves 0.5, so the
    // quarter earns 308.33 of its 616.66 outcome allowance; the other 308.33 leaves 2027-28's commitment.
    const remainingBefore = await potsBy(app, 'north-west', 'remaining');
    const measures = expectOk(await app.gql(`query ($id: ID!) { contract(id: $id) { outcomeMeasures { id } } }`, { id: contractId }, cara)).contract
      .outcomeMeasures;
    const report = expectOk(
      await app.gql(
        `mutation ($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id } }`,
        { input: { contractId, period: '2027-28-Q1', actuals: [{ measureId: measures[0].id, value: 0.25 }], narrative: 'Synthetic: numbers only.' } },
        provider.token,
      ),
    ).submitPerformanceReport;
    const approved = expectOk(
      await app.gql(`mutation ($id: ID!) { approvePerformanceReport(id: $id) { outcomeEarned { amount } } }`, { id: report.id }, colin),
    ).approvePerformanceReport;
    expect(approved.outcomeEarned.amount).toBe('308.33');
    expect(await potsBy(app, 'north-west', 'released')).toEqual({ ...ZEROES, '2027-28': '308.33' });
    expect(await potsBy(app, 'north-west', 'committed')).toEqual({ ...ZEROES, ...PHASES, '2027-28': '12024.95' });
    const remaining = await potsBy(app, 'north-west', 'remaining');
    expect(remaining).toEqual({ ...remainingBefore, '2027-28': '37975.05' });
    expect(pence(remaining['2027-28']) - pence(remainingBefore['2027-28'])).toBe(30833n);
    const phases = expectOk(
      await app.gql(
        `query ($id: ID!) { contract(id: $id) { budgetPhases { financialYear committed { amount } paid { amount } released { amount } } } }`,
        { id: contractId },
        cara,
      ),
    ).contract.budgetPhases;
    expect(phases).toEqual([
      { financialYear: '2026-27', committed: { amount: '9249.96' }, paid: { amount: '2466.66' }, released: { amount: '0.00' } },
      { financialYear: '2027-28', committed: { amount: '12024.95' }, paid: { amount: '2466.66' }, released: { amount: '308.33' } },
      { financialYear: '2028-29', committed: { amount: '12333.28' }, paid: { amount: '0.00' }, released: { amount: '0.00' } },
      { financialYear: '2029-30', committed: { amount: '3083.48' }, paid: { amount: '0.00' }, released: { amount: '0.00' } },
    ]);
  });

  it('forecasts outturn per region and year as paid + committed unpaid, reconciled with the pots, the schedules and the ledger', async () => {
    // A category pot beside the general one: an order for the category draws on it, and the forecast adds both.
    for (const financialYear of ['2027-28', '2028-29']) {
      await setPot(app, { regionCode: 'north-west', financialYear, amount: '10000.00', category: 'PERSONAL_WELLBEING' });
    }
    const wellbeing = (await createPublishedOffer(app, provider, { unitPrice: '500.00', category: 'PERSONAL_WELLBEING', capacityPerMonth: 50 })).id;
    // 4,000.00 from 1 October 2027 to 30 September 2028, no outcome share: 1,000.00 a quarter, two in each year.
    const placed = expectOk(
      await placeOrder(app, cara, {
        offerId: wellbeing,
        pduCode: 'liverpool-north',
        quantity: 8,
        startDate: '2027-10-01',
        endDate: '2028-09-30',
        outcomeSharePercent: 0,
      }),
    ).placeOrder;
    wellbeingContract = expectOk(await answer(app, 'acceptOrder', placed.id, provider.token)).acceptOrder.contract.id;
    setToday(app, '2028-01-10');
    await recordPayment(app, colin, { contractId: wellbeingContract, period: '2027-28-Q3', kind: 'FIXED', amount: '1000.00', paidOn: '2028-01-05' });
    // An order still waiting for its answer is reserved, not forecast: 1,000.00 in 2027-28's last quarter.
    expectOk(await placeOrder(app, cara, { offerId, pduCode: 'liverpool-north', quantity: 1, startDate: '2028-01-15', endDate: '2028-03-31' }));

    const directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dee' });
    const FORECAST = `query ($filter: ForecastOutturnFilter) { forecastOutturn(filter: $filter) { regionCode financialYear allocated { amount }
      reserved { amount } committed { amount } committedUnpaid { amount } paid { amount } released { amount } forecast { amount } variance { amount } } }`;
    const rows = expectOk(await app.gql(FORECAST, { filter: { regionCodes: ['north-west'] } }, directorate)).forecastOutturn;
    const flat = (r: Record<string, any>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'object' ? v.amount : v]));
    const byYear = Object.fromEntries(rows.map((r: Record<string, any>) => [r.financialYear, flat(r)]));
    expect(Object.keys(byYear)).toEqual(YEARS);
    expect(byYear['2026-27']).toEqual({
      regionCode: 'north-west',
      financialYear: '2026-27',
      allocated: '50000.00',
      reserved: '0.00',
      committed: '9249.96',
      committedUnpaid: '6783.30',
      paid: '2466.66',
      released: '0.00',
      forecast: '9249.96',
      variance: '40750.04',
    });
    // 2027-28: the general pot (12,024.95 committed after the 308.33 released, 2,466.66 paid) and the
    // category pot (2,000.00 committed, 1,000.00 paid).
    expect(byYear['2027-28']).toEqual({
      regionCode: 'north-west',
      financialYear: '2027-28',
      allocated: '60000.00',
      reserved: '1000.00',
      committed: '14024.95',
      committedUnpaid: '10558.29',
      paid: '3466.66',
      released: '308.33',
      forecast: '14024.95',
      variance: '45975.05',
    });
    expect(byYear['2030-31']).toMatchObject({ allocated: '20000.00', committed: '0.00', forecast: '0.00', variance: '20000.00' });

    // Reconciles, year by year and to the penny, with the pots (`budgets`), the contracts' schedules
    // (less what was released) and the payment ledger.
    const allPots = await pots(app, ['north-west']);
    const contracts = expectOk(
      await app.gql(
        `query { contracts(first: 100, filter: { regionCodes: ["north-west"] }) { edges { node { id
          schedule { startDate fixedDue { amount } outcomeAvailable { amount } } budgetPhases { financialYear released { amount } } } } } }`,
        {},
        directorate,
      ),
    ).contracts.edges.map((e: { node: any }) => e.node);
    expect(contracts).toHaveLength(2);
    const ledger = await app.pool.query(
      `SELECT contract_period_year(p.period) AS year, sum(p.amount_pence)::text AS paid FROM payment p JOIN contract c ON c.id = p.contract_id
       WHERE c.region_code = 'north-west' GROUP BY 1`,
    );
    for (const year of YEARS) {
      const row = byYear[year];
      const ofYear = allPots.filter((p) => p.financialYear === year);
      for (const field of ['allocated', 'reserved', 'committed', 'paid', 'released'] as const) {
        expect([year, field, sumPence(ofYear.map((p) => p[field]))]).toEqual([year, field, pence(row[field])]);
      }
      const scheduled = contracts.flatMap((c: any) => c.schedule.filter((l: any) => financialYearOf(l.startDate) === year));
      const released = contracts.flatMap((c: any) => c.budgetPhases.filter((p: any) => p.financialYear === year).map((p: any) => p.released.amount));
      const fromSchedules =
        sumPence(scheduled.map((l: any) => l.fixedDue.amount)) + sumPence(scheduled.map((l: any) => l.outcomeAvailable.amount)) - sumPence(released);
      expect([year, pence(row.committed)]).toEqual([year, fromSchedules]);
      const paid = BigInt(ledger.rows.find((r) => r.year === year)?.paid ?? '0');
      expect([year, pence(row.paid)]).toEqual([year, paid]);
      expect(pence(row.forecast)).toBe(pence(row.paid) + pence(row.committedUnpaid));
      expect(pence(row.variance)).toBe(pence(row.allocated) - pence(row.forecast));
    }
  });

  it('shows a commissioner the forecast of its own regions only, and a provider none', async () => {
    const QUERY = `query ($filter: ForecastOutturnFilter) { forecastOutturn(filter: $filter) { regionCode financialYear } }`;
    const nia = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'nia' });
    const own = expectOk(await app.gql(QUERY, {}, nia)).forecastOutturn;
    expect(new Set(own.map((r: { regionCode: string }) => r.regionCode))).toEqual(new Set(['north-west']));
    const directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dee' });
    const all = expectOk(await app.gql(QUERY, { filter: { financialYears: ['2027-28'] } }, directorate)).forecastOutturn;
    expect(all.map((r: { regionCode: string }) => r.regionCode)).toEqual(['north-east', 'north-west']);
    const foreign = await app.gql(QUERY, { filter: { regionCodes: ['north-west', 'north-east'] } }, nia);
    expect(errorCode(foreign)).toBe('FORBIDDEN');
    expect(foreign.data).toBeNull();
    expect(errorCode(await app.gql(QUERY, {}, provider.token))).toBe('FORBIDDEN');
  });

  it('re-phases a no-cost extension as its schedule: paid and ended periods keep their year', async () => {
    // The wellbeing contract: 1,000.00 a quarter from 2027-28-Q3 to 2028-29-Q2, Q3 paid. On 10 January 2028
    // it is extended to 31 December 2028 at no cost: Q3 keeps its 1,000.00 and the other 3,000.00 spreads
    // over the four quarters left (750.00 each), so 2027-28 commits 1,750.00 and 2028-29 2,250.00 (spread
    // again from scratch, 800.00 over five quarters, the years would be 1,600.00 and 2,400.00: not the schedule).
    const varied = await varyAndAgree(app, cara, provider.token, {
      contractId: wellbeingContract,
      expectedVersion: 1,
      changes: { endDate: '2028-12-31' },
      reason: 'No-cost extension: referrals started late',
    });
    expectOk(varied);
    const c = expectOk(
      await app.gql(
        `query ($id: ID!) { contract(id: $id) { schedule { period startDate fixedDue { amount } outcomeAvailable { amount } }
          budgetPhases { financialYear committed { amount } released { amount } } } }`,
        { id: wellbeingContract },
        cara,
      ),
    ).contract;
    const scheduled = (year: string) =>
      sumPence(
        c.schedule.filter((l: any) => financialYearOf(l.startDate) === year).flatMap((l: any) => [l.fixedDue.amount, l.outcomeAvailable.amount]),
      );
    const phases = Object.fromEntries(c.budgetPhases.map((p: any) => [p.financialYear, pence(p.committed.amount) + pence(p.released.amount)]));
    expect(c.schedule[0]).toMatchObject({ period: '2027-28-Q3', fixedDue: { amount: '1000.00' } });
    expect([scheduled('2027-28'), scheduled('2028-29')]).toEqual([175_000n, 225_000n]);
    expect(phases).toEqual({ '2027-28': scheduled('2027-28'), '2028-29': scheduled('2028-29') });
    const category = (await pots(app, ['north-west'])).filter((p) => p.category === 'PERSONAL_WELLBEING');
    expect(category.map((p) => [p.financialYear, pence(p.committed)])).toEqual([
      ['2027-28', scheduled('2027-28')],
      ['2028-29', scheduled('2028-29')],
    ]);
  });
});

describe('a closed financial year (RETROSPECTIVE_ORDERS=enforce)', () => {
  let app: TestApp;
  afterAll(async () => {
    await app?.close();
  });

  it('refuses an order that would charge a year that has ended, even an urgent retrospective one', async () => {
    app = await startPhasingApp({ RETROSPECTIVE_ORDERS: 'enforce' });
    setToday(app, '2027-04-12'); // 2027-28 began on 1 April
    const cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    for (const financialYear of ['2026-27', '2027-28']) await setPot(app, { regionCode: 'north-west', financialYear, amount: '50000.00' });
    const provider = await registerProvider(app);
    const offerId = (await createPublishedOffer(app, provider, { unitPrice: '1000.00', capacityPerMonth: 50 })).id;
    const urgent = {
      offerId,
      pduCode: 'liverpool-north',
      quantity: 4,
      endDate: '2027-12-31',
      awardRationale: 'URGENT_NEED',
      awardJustification: 'A placement had to start before the order could be recorded: release on licence.',
    };
    const closed = await placeOrder(app, cara, { ...urgent, startDate: '2027-03-20' });
    expect(errorCode(closed)).toBe('FINANCIAL_YEAR_CLOSED');
    expect(closed.errors![0].extensions).toMatchObject({ field: 'startDate', financialYear: '2026-27' });
    expect(await potsBy(app, 'north-west', 'reserved')).toEqual({ '2026-27': '0.00', '2027-28': '0.00' });
    // Started in the current year (still retrospective): placed, for approval, on 2027-28 only.
    const current = expectOk(await placeOrder(app, cara, { ...urgent, startDate: '2027-04-01' })).placeOrder;
    expect(current.status).toBe('PENDING_APPROVAL');
    expect(phaseAmounts(current.budgetPhases)).toEqual({ '2027-28': '4000.00' });
  });
});
