import { BudgetErrorCode, BudgetsModule, BudgetsService } from '@mkt/budgets';
import { attempt, LibTest, principals, startLibTest } from '@mkt/testing';

describe('BudgetsService (real PostgreSQL)', () => {
  let t: LibTest;
  let budgets: BudgetsService;
  const admin = principals.admin();

  beforeAll(async () => {
    t = await startLibTest({ imports: [BudgetsModule] });
    budgets = t.get(BudgetsService);
  });
  afterAll(() => t?.close());

  /** Sets a pot as ordering's setBudget does, less the expiry sweep (budgets knows no orders). */
  const setBudget = (actor: typeof admin, input: { regionCode: string; financialYear: string; amount: string }) => {
    const amount = budgets.allocationOf(input);
    return t.transaction(async (em) => budgets.allocate(em, actor, input, amount, await budgets.lockPot(em, input)));
  };

  it('sets a pot, then changes it: one row, audited as set then changed', async () => {
    const set = await setBudget(admin, { regionCode: 'wales', financialYear: '2026-27', amount: '1000.50' });
    expect(set.allocated.amount).toBe('1000.50');
    const changed = await setBudget(admin, { regionCode: 'wales', financialYear: '2026-27', amount: '2000.00' });
    expect(changed.id).toBe(set.id);
    expect(await t.rows('SELECT allocated_pence FROM budget WHERE region_code = $1', ['wales'])).toEqual([{ allocated_pence: '200000' }]);
    const audit = await t.rows('SELECT action, actor_sub FROM audit_event WHERE entity_id = $1 ORDER BY seq', [set.id]);
    expect(audit).toEqual([
      { action: 'budget.set', actor_sub: admin.sub },
      { action: 'budget.changed', actor_sub: admin.sub },
    ]);
  });

  it('never lowers a pot below what is reserved and committed from it', async () => {
    const pot = await setBudget(admin, { regionCode: 'london', financialYear: '2026-27', amount: '500.00' });
    expect(await t.transaction((em) => budgets.reserve(em, pot.id, 30_000n))).toBe(true);
    await t.transaction((em) => budgets.commitReserved(em, pot.id, 10_000n));
    await expect(attempt(() => setBudget(admin, { regionCode: 'london', financialYear: '2026-27', amount: '299.99' }))).rejects.toMatchObject({
      code: BudgetErrorCode.BUDGET_BELOW_COMMITMENTS,
    });
    const [row] = await t.rows('SELECT allocated_pence, reserved_pence, committed_pence FROM budget WHERE id = $1', [pot.id]);
    expect(row).toEqual({ allocated_pence: '50000', reserved_pence: '20000', committed_pence: '10000' });
    expect((await setBudget(admin, { regionCode: 'london', financialYear: '2026-27', amount: '300.00' })).remaining.amount).toBe('0.00');
  });

  it('refuses a reservation that does not fit in what remains, and leaves the pot as it was', async () => {
    const pot = await setBudget(admin, { regionCode: 'north-west', financialYear: '2027-28', amount: '100.00' });
    expect(await t.transaction((em) => budgets.reserve(em, pot.id, 10_001n))).toBe(false);
    expect(await t.transaction((em) => budgets.reserve(em, pot.id, 10_000n))).toBe(true);
    expect(await t.transaction((em) => budgets.remaining(em, pot.id))).toBe(0n);
  });

  it('shows a commissioner only the pots of their regions', async () => {
    const seen = await budgets.list(principals.commissioner('wales'), {});
    expect(seen.map((b) => b.regionCode)).toEqual(['wales']);
    expect((await budgets.list(principals.auditor(), { financialYears: ['2026-27'] })).map((b) => b.regionCode).sort()).toEqual(['london', 'wales']);
  });
});
