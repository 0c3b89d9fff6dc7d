import { potsInLockOrder } from './pot-lock-order';

describe('the order pots are locked in', () => {
  it('is financial year first, then id, each pot once', () => {
    const pots = [
      { budgetId: 'c', financialYear: '2028-29' },
      { budgetId: 'b', financialYear: '2026-27' },
      { budgetId: 'z', financialYear: '2027-28' },
      { budgetId: 'a', financialYear: '2027-28' },
      { budgetId: 'b', financialYear: '2026-27' },
    ];
    expect(potsInLockOrder(pots)).toEqual(['b', 'a', 'z', 'c']);
  });

  it('does not depend on the order the pots were found in', () => {
    const pots = [
      { budgetId: 'p2', financialYear: '2027-28' },
      { budgetId: 'p1', financialYear: '2026-27' },
    ];
    expect(potsInLockOrder(pots)).toEqual(potsInLockOrder([...pots].reverse()));
    expect(potsInLockOrder([])).toEqual([]);
  });
});
