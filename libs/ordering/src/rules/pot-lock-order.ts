/** A pot as the lock order sees it: its id and the financial year it funds. */
export interface PotRef {
  budgetId: string;
  financialYear: string;
}

/**
 * The pots to lock, each once, in the one order every transaction uses: financial year, then id
 * (an order draws on one pot a year, so the id only breaks ties between a sweep's pots). Taking
 * pots in this order is what keeps two transactions that need the same years from deadlocking.
 */
export function potsInLockOrder(pots: readonly PotRef[]): string[] {
  const years = new Map<string, string>();
  for (const p of pots) years.set(p.budgetId, p.financialYear);
  return [...years.entries()].sort(([a, ya], [b, yb]) => (ya === yb ? (a < b ? -1 : a > b ? 1 : 0) : ya < yb ? -1 : 1)).map(([id]) => id);
}
