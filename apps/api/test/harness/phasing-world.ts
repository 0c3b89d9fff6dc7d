import { randomUUID } from 'node:crypto';
import { Role } from '@mkt/auth';
import { Clock, parsePence } from '@mkt/common';
import { expectOk, GqlResult, startTestApp, TestApp } from './test-app';

/**
 * Helpers for the per-financial-year phasing tests (issue 13): an app whose orders stay out of
 * approval (the scheme of delegation lifted), a clock set by day, pots set per year (firm or
 * indicative), and the pots, orders and contracts read back through the API.
 */
export const PHASING_ENV = { ORDER_EXPIRY_SWEEP_SECONDS: '0', DELEGATION_SCHEME: 'PEER_COMMISSIONER:10000000.00' };

export function startPhasingApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ ...PHASING_ENV, ...env });
}

/** Moves the app's clock to a day (noon UTC), as if the test ran then. */
export function setToday(app: TestApp, date: string): void {
  const clock = app.nest.get(Clock);
  clock.advance(Date.parse(`${date}T12:00:00Z`) - clock.now().getTime());
}

/** Pence from a Money amount ("12333.28"), exactly. */
export const pence = (amount: string): bigint => parsePence(amount);

export const sumPence = (amounts: readonly string[]): bigint => amounts.reduce((s, a) => s + pence(a), 0n);

export interface Pot {
  id: string;
  regionCode: string;
  financialYear: string;
  category: string | null;
  indicative: boolean;
  allocated: string;
  reserved: string;
  committed: string;
  paid: string;
  released: string;
  remaining: string;
}

const POT_FIELDS = `id regionCode financialYear category indicative allocated { amount } reserved { amount } committed { amount }
  paid { amount } released { amount } remaining { amount }`;

type PotAnswer = Omit<Pot, 'allocated' | 'reserved' | 'committed' | 'paid' | 'released' | 'remaining'> &
  Record<'allocated' | 'reserved' | 'committed' | 'paid' | 'released' | 'remaining', { amount: string }>;

const flat = (p: PotAnswer): Pot => ({
  ...p,
  allocated: p.allocated.amount,
  reserved: p.reserved.amount,
  committed: p.committed.amount,
  paid: p.paid.amount,
  released: p.released.amount,
  remaining: p.remaining.amount,
});

export async function setPot(
  app: TestApp,
  input: { regionCode: string; financialYear: string; amount: string; indicative?: boolean; category?: string },
): Promise<Pot> {
  const directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'budget-setter' });
  const set = expectOk(await app.gql(`mutation ($input: SetBudgetInput!) { setBudget(input: $input) { ${POT_FIELDS} } }`, { input }, directorate));
  return flat(set.setBudget);
}

/** Every pot of the regions, as `budgets` shows them to the directorate. */
export async function pots(app: TestApp, regionCodes: string[]): Promise<Pot[]> {
  const directorate = await app.token({ roles: [Role.DIRECTORATE], sub: 'analyst-dee' });
  const answer = expectOk(
    await app.gql(`query ($filter: BudgetsFilter) { budgets(filter: $filter) { ${POT_FIELDS} } }`, { filter: { regionCodes } }, directorate),
  );
  return answer.budgets.map(flat);
}

/** The general pot of a region's year, by field: `{ '2026-27': '9249.96', ... }`. */
export async function potsBy(app: TestApp, regionCode: string, field: keyof Pot): Promise<Record<string, string>> {
  const all = (await pots(app, [regionCode])).filter((p) => p.category === null);
  return Object.fromEntries(all.map((p) => [p.financialYear, String(p[field])]));
}

export const ORDER_PHASE_FIELDS = `id status total { amount } financialYear indicativeBudget budgetPhases { financialYear budgetId amount { amount } indicative }`;

export function placeOrder(app: TestApp, token: string, input: Record<string, unknown>, fields = ORDER_PHASE_FIELDS): Promise<GqlResult> {
  return app.gql(
    `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { ${fields} } }`,
    { input: { idempotencyKey: randomUUID(), ...input } },
    token,
  );
}

/** acceptOrder, declineOrder, withdrawOrder, approveOrder or rejectOrder. */
export function answer(app: TestApp, mutation: string, id: string, token: string, reason?: string): Promise<GqlResult> {
  const args = reason ? `(id: $id, reason: $reason)` : `(id: $id)`;
  return app.gql(
    `mutation ($id: ID!${reason ? ', $reason: String!' : ''}) { ${mutation}${args} { id status contract { id } } }`,
    reason ? { id, reason } : { id },
    token,
  );
}

export interface PhaseOfOrder {
  financialYear: string;
  budgetId: string;
  amount: { amount: string };
  indicative: boolean;
}

/** `{ '2026-27': '9249.96', ... }` from an order's budgetPhases. */
export const phaseAmounts = (phases: PhaseOfOrder[]): Record<string, string> =>
  Object.fromEntries(phases.map((p) => [p.financialYear, p.amount.amount]));
