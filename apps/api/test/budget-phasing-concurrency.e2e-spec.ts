import { Role } from '@mkt/auth';
import { createPublishedOffer, ProviderHandle, registerProvider } from './harness/factories';
import { answer, pence, placeOrder, pots, setPot, setToday, startPhasingApp } from './harness/phasing-world';
import { errorCode, expectOk, GqlResult, TestApp } from './harness/test-app';

/**
 * Concurrent placements of orders that span two financial years (issue 13): each order reserves
 * its phase on both years' pots, in year order, or nothing at all; no year is ever overspent; a
 * refusal is BUDGET_EXCEEDED naming the year that did not fit; and no transaction deadlocks.
 */
describe('two-year orders placed concurrently', () => {
  let app: TestApp;
  let cara: string;
  let provider: ProviderHandle;
  let offerId: string;
  const Y1 = '2026-27';
  const Y2 = '2027-28';
  // 4,000.00 each, no outcome share, 1,000.00 a quarter. LATE: Q4 of 2026-27 and three quarters of
  // 2027-28 (1,000.00 + 3,000.00). EARLY: three quarters of 2026-27 and Q1 of 2027-28 (3,000.00 + 1,000.00).
  const SHAPES: Record<'LATE' | 'EARLY', { startDate: string; endDate: string; needs: Record<string, string> }> = {
    LATE: { startDate: '2027-01-01', endDate: '2027-12-31', needs: { [Y1]: '1000.00', [Y2]: '3000.00' } },
    EARLY: { startDate: '2026-07-01', endDate: '2027-06-30', needs: { [Y1]: '3000.00', [Y2]: '1000.00' } },
  };
  // Together the 50 orders would need 100,000.00 in each year; the pots hold 20,000.00 and 45,000.00.
  const ALLOCATED: Record<string, bigint> = { [Y1]: 2_000_000n, [Y2]: 4_500_000n };
  const shapeAt = (i: number) => (i % 2 === 0 ? 'LATE' : 'EARLY');
  const place = (shape: keyof typeof SHAPES): Promise<GqlResult> =>
    placeOrder(app, cara, {
      offerId,
      pduCode: 'liverpool-north',
      quantity: 4,
      startDate: SHAPES[shape].startDate,
      endDate: SHAPES[shape].endDate,
      outcomeSharePercent: 0,
    });

  beforeAll(async () => {
    app = await startPhasingApp();
    setToday(app, '2026-06-15');
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    await setPot(app, { regionCode: 'north-west', financialYear: Y1, amount: '20000.00' });
    await setPot(app, { regionCode: 'north-west', financialYear: Y2, amount: '45000.00' });
    provider = await registerProvider(app);
    offerId = (await createPublishedOffer(app, provider, { unitPrice: '1000.00', capacityPerMonth: 100_000 })).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  /** The pots as the database holds them, and the phases of the orders still drawing on them. */
  const ledger = async () => {
    const { rows } = await app.pool.query(
      `SELECT b.financial_year, b.allocated_pence::text AS allocated, b.reserved_pence::text AS reserved, b.committed_pence::text AS committed,
              (SELECT coalesce(sum(ph.amount_pence), 0) FROM order_budget_phase ph JOIN service_order o ON o.id = ph.order_id
                WHERE ph.budget_id = b.id AND o.status IN ('SUBMITTED', 'PENDING_APPROVAL'))::text AS waiting,
              (SELECT coalesce(sum(ph.amount_pence), 0) FROM order_budget_phase ph JOIN service_order o ON o.id = ph.order_id
                WHERE ph.budget_id = b.id AND o.status = 'ACCEPTED')::text AS accepted
       FROM budget b WHERE b.region_code = 'north-west' ORDER BY b.financial_year`,
    );
    return rows;
  };

  /** Every order of the offer has a phase in each year, summing to its total: none is half-written. */
  const expectWholeOrders = async (count: number) => {
    const { rows } = await app.pool.query(
      `SELECT o.id, o.total_pence::text AS total, array_agg(ph.financial_year ORDER BY ph.financial_year) AS years,
              coalesce(sum(ph.amount_pence), 0)::text AS phased
       FROM service_order o LEFT JOIN order_budget_phase ph ON ph.order_id = o.id WHERE o.offer_id = $1 GROUP BY o.id`,
      [offerId],
    );
    expect(rows).toHaveLength(count);
    for (const r of rows) expect({ years: r.years, phased: r.phased }).toEqual({ years: [Y1, Y2], phased: r.total });
  };

  const expectNoYearOverspent = async () => {
    for (const row of await ledger()) {
      const used = BigInt(row.reserved) + BigInt(row.committed);
      expect(used).toBeLessThanOrEqual(ALLOCATED[row.financial_year]);
      expect(row.allocated).toBe(ALLOCATED[row.financial_year].toString());
      // The pot's figures are exactly the phases of the orders drawing on it.
      expect({ year: row.financial_year, reserved: row.reserved, committed: row.committed }).toEqual({
        year: row.financial_year,
        reserved: row.waiting,
        committed: row.accepted,
      });
    }
  };

  const expectRefusalsNameTheYear = (results: GqlResult[]) => {
    results.forEach((r, i) => {
      if (!r.errors) return;
      expect(errorCode(r)).toBe('BUDGET_EXCEEDED');
      const ext = r.errors[0].extensions as { financialYear: string; needed: string; remaining: string };
      expect([Y1, Y2]).toContain(ext.financialYear);
      expect(ext.needed).toBe(SHAPES[shapeAt(i)].needs[ext.financialYear]);
      expect(pence(ext.remaining)).toBeLessThan(pence(ext.needed));
    });
  };

  it('reserves each order in both years or in neither, and never past either pot', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => place(shapeAt(i))));
    const placed = results.filter((r) => !r.errors);
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.length).toBeLessThan(50);
    expect(placed.every((r) => r.data.placeOrder.status === 'SUBMITTED' && r.data.placeOrder.budgetPhases.length === 2)).toBe(true);
    expectRefusalsNameTheYear(results); // anything else (a deadlock, a constraint violation) fails here
    await expectWholeOrders(placed.length);
    await expectNoYearOverspent();
    // What each year reserved is what the placed orders of each shape needed there.
    const late = placed.filter((r) => r.data.placeOrder.budgetPhases[0].amount.amount === '1000.00').length;
    const early = placed.length - late;
    const rows = await ledger();
    expect(rows.map((r) => r.reserved)).toEqual([String(late * 100_000 + early * 300_000), String(late * 300_000 + early * 100_000)]);
    // Pots only fill during the wave, so an order refused never fits later: at the end neither shape fits
    // (25 of either shape would need more than 2026-27 holds, so some of each were refused).
    const left = rows.map((r) => BigInt(r.allocated) - BigInt(r.reserved));
    const fits = (shape: keyof typeof SHAPES) => left[0] >= pence(SHAPES[shape].needs[Y1]) && left[1] >= pence(SHAPES[shape].needs[Y2]);
    expect({ late: fits('LATE'), early: fits('EARLY') }).toEqual({ late: false, early: false });
    // `budgets` shows the same figures.
    const shown = (await pots(app, ['north-west'])).map((p) => [p.financialYear, pence(p.reserved), pence(p.remaining)]);
    expect(shown).toEqual(rows.map((r, i) => [r.financial_year, BigInt(r.reserved), left[i]]));
  });

  it('keeps both years whole while acceptances commit and new placements reserve at the same time', async () => {
    const waiting = await app.pool.query(`SELECT id FROM service_order WHERE offer_id = $1 AND status = 'SUBMITTED'`, [offerId]);
    // Withdrawing two orders makes room again for at least their shapes (so at least one placement gets in).
    const freed = waiting.rows.slice(0, 2).map((r) => r.id as string);
    await Promise.all(freed.map((id) => answer(app, 'withdrawOrder', id, cara, 'Make room')));
    const accepting = waiting.rows.slice(2).map((r) => r.id as string);
    const [accepted, results] = await Promise.all([
      Promise.all(accepting.map((id) => answer(app, 'acceptOrder', id, provider.token))),
      Promise.all(Array.from({ length: 20 }, (_, i) => place(shapeAt(i)))),
    ]);
    expect(accepted.every((r) => !r.errors && r.data.acceptOrder.status === 'ACCEPTED')).toBe(true);
    expectRefusalsNameTheYear(results);
    expect(results.some((r) => !r.errors)).toBe(true);
    await expectWholeOrders(waiting.rows.length + results.filter((r) => !r.errors).length);
    await expectNoYearOverspent();
  });
});

describe('a sweep of expired orders that reach an earlier year', () => {
  let app: TestApp;
  let cara: string;
  let terms: Record<string, unknown>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await startPhasingApp();
    setToday(app, '2026-06-15');
    cara = await app.token({ roles: [Role.COMMISSIONER], regions: ['north-west'], sub: 'cara' });
    for (const [financialYear, amount] of [
      ['2026-27', '10000.00'],
      ['2027-28', '10000.00'],
      ['2028-29', '1000.00'],
    ]) {
      ids[financialYear] = (await setPot(app, { regionCode: 'north-west', financialYear, amount })).id;
    }
    const provider = await registerProvider(app);
    terms = { offerId: (await createPublishedOffer(app, provider, { unitPrice: '1000.00', capacityPerMonth: 100 })).id, pduCode: 'liverpool-north' };
  });
  afterAll(async () => {
    await app?.close();
  });

  /**
   * Runs `action` while another transaction holds 2026-27's pot (an order reserving it, say); once
   * the action waits for that pot, the other transaction takes 2027-28's too, as a placement
   * spanning both years would. If the action held 2027-28 while waiting, the two would deadlock.
   */
  async function whileAnEarlierYearIsHeld(action: () => Promise<GqlResult>): Promise<{ next: string; result: GqlResult }> {
    const other = await app.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM budget WHERE id = $1 FOR UPDATE', [ids['2026-27']]);
      const pid = (await other.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const pending = action();
      await waitForLockWait(app, pid);
      const next = await other.query('UPDATE budget SET updated_at = now() WHERE id = $1', [ids['2027-28']]).then(
        () => 'locked',
        (error: Error) => error.message,
      );
      await other.query(next === 'locked' ? 'COMMIT' : 'ROLLBACK');
      return { next, result: await pending };
    } finally {
      other.release();
    }
  }

  const reserved = async () =>
    (await app.pool.query(`SELECT financial_year, reserved_pence::text AS reserved FROM budget ORDER BY financial_year`)).rows.map((r) => [
      r.financial_year,
      r.reserved,
    ]);

  it('placing: releases the expired order holding no pot, then takes the pots in year order (no deadlock)', async () => {
    // X: 3,000.00 from 1 January 2027 to 30 June 2028, 500.00 a quarter: 500.00, 2,000.00 and 500.00. Never answered.
    const x = expectOk(
      await placeOrder(app, cara, { ...terms, quantity: 3, startDate: '2027-01-01', endDate: '2028-06-30', outcomeSharePercent: 0 }),
    ).placeOrder;
    setToday(app, '2026-07-31'); // X is past its answer date (10 working days), not yet swept
    // B: 5,000.00 from 1 April 2027 to 30 June 2028: 4,000.00 in 2027-28 and 1,000.00 in 2028-29, which
    // fits only once X's 500.00 there is released; releasing X also gives back its 500.00 in 2026-27.
    const b = { ...terms, quantity: 5, startDate: '2027-04-01', endDate: '2028-06-30', outcomeSharePercent: 0 };
    const { next, result } = await whileAnEarlierYearIsHeld(() => placeOrder(app, cara, b));
    expect({ next, errors: result.errors ?? [] }).toEqual({ next: 'locked', errors: [] });
    expect(result.data.placeOrder.budgetPhases.map((p: { amount: { amount: string } }) => p.amount.amount)).toEqual(['4000.00', '1000.00']);
    expect(await reserved()).toEqual([
      ['2026-27', '0'],
      ['2027-28', '400000'],
      ['2028-29', '100000'],
    ]);
    const status = await app.pool.query(`SELECT status FROM service_order WHERE id = $1`, [x.id]);
    expect(status.rows[0].status).toBe('EXPIRED');
  });

  it('setting a budget: sweeps before it holds the pot it sets (no deadlock)', async () => {
    // Y: 2,000.00 from 1 January to 30 June 2027: 1,000.00 in 2026-27 and 1,000.00 in 2027-28. Never answered.
    expectOk(await placeOrder(app, cara, { ...terms, quantity: 2, startDate: '2027-01-01', endDate: '2027-06-30', outcomeSharePercent: 0 }));
    setToday(app, '2026-09-30'); // Y, and B above, are past their answer dates
    const directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'budget-setter' });
    const { next, result } = await whileAnEarlierYearIsHeld(() =>
      app.gql(
        `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { allocated { amount } reserved { amount } } }`,
        { input: { regionCode: 'north-west', financialYear: '2027-28', amount: '12000.00' } },
        directorate,
      ),
    );
    expect({ next, errors: result.errors ?? [] }).toEqual({ next: 'locked', errors: [] });
    expect(result.data.setBudget).toEqual({ allocated: { amount: '12000.00' }, reserved: { amount: '0.00' } });
    expect(await reserved()).toEqual([
      ['2026-27', '0'],
      ['2027-28', '0'],
      ['2028-29', '0'],
    ]);
  });
});

/** Waits (polling the server, not the clock) until a session other than `pid` waits for a row lock on a budget. */
async function waitForLockWait(app: TestApp, pid: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await app.pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> $1 AND wait_event_type = 'Lock' AND query ILIKE '%budget%'`,
      [pid],
    );
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the placement never waited for the budget held by the other transaction');
}
