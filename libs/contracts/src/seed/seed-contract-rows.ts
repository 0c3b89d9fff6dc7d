import { CopyValue, SeedRun } from '@mkt/database';
import { SeedOffer } from '@mkt/catalogue';

/** An accepted synthetic order, as its contract is made from it (the ordering lib's seed plans them). */
export interface SeedAwardedOrder {
  id: string;
  offer: Pick<SeedOffer, 'id' | 'providerId' | 'version' | 'category'>;
  start: string;
  end: string;
  total: bigint;
  region: string;
  pdu: string;
  fy: string;
  budgetId: string;
  share: number;
  period: 'MONTHLY' | 'QUARTERLY';
  targets: { measureCode: string; measureName: string; unit: string; direction: string; baseline: number; target: number; weight: number }[];
}

/** The rows of every contract table, gathered in memory and then written table by table. */
export interface ContractSeedRows {
  contracts: CopyValue[][];
  versions: CopyValue[][];
  measures: CopyValue[][];
  reports: CopyValue[][];
  payments: CopyValue[][];
  subcontractors: CopyValue[][];
  funding: CopyValue[][];
}

export function emptyContractSeedRows(): ContractSeedRows {
  return { contracts: [], versions: [], measures: [], reports: [], payments: [], subcontractors: [], funding: [] };
}

export function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A payment row; its reference numbers the payments of the whole run in order. */
export function paymentRow(
  run: SeedRun,
  rows: ContractSeedRows,
  contractId: string,
  period: string,
  kind: string,
  amount: bigint,
  paidOn: string,
  by: string,
): void {
  rows.payments.push([run.rnd.uuid(), contractId, period, kind, amount, paidOn, `FIN-${rows.payments.length + 1}`, run.rnd.uuid(), 'seed', by]);
}
