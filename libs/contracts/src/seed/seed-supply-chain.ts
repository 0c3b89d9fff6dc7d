import { divideRounded, financialQuarterOf } from '@mkt/common';
import { SeedRun } from '@mkt/database';
import { syntheticPlaceName, syntheticPlaceStem } from '@mkt/organisations';
import { ContractSeedRows, SeedAwardedOrder } from './seed-contract-rows';

/** Adds a subcontractor (charity numbers from 9,700,000, beyond any issued); returns its id. */
function addSubcontractor(
  run: SeedRun,
  rows: ContractSeedRows,
  contractId: string,
  parentId: string | null,
  name: (n: number) => string,
  summary: string,
): string {
  const id = run.rnd.uuid();
  const n = 9_700_000 + rows.subcontractors.length;
  const tier = parentId ? 3 : 2;
  rows.subcontractors.push([id, contractId, parentId, tier, `GB-CHC-${n}`, name(rows.subcontractors.length + 1), String(n), null, summary, 'seed']);
  return id;
}

/**
 * For about a quarter of the contracts that have been paid anything: a tier-2 partner (and now
 * and then a tier-3 volunteer group under it) and the funding the prime passed down to them.
 */
export function seedSupplyChain(run: SeedRun, rows: ContractSeedRows, contractId: string, o: SeedAwardedOrder, paidToPrime: bigint): void {
  const { rnd } = run;
  if (paidToPrime <= 0n || !rnd.chance(0.25)) return;
  const tier2 = addSubcontractor(
    run,
    rows,
    contractId,
    null,
    (k) => `${syntheticPlaceName(rnd)} Partner ${k} (synthetic)`,
    'Delivers part of the service locally',
  );
  const tier3 = rnd.chance(0.3)
    ? addSubcontractor(run, rows, contractId, tier2, (k) => `${syntheticPlaceStem(rnd)} Volunteers ${k} (synthetic)`, 'Volunteer mentoring')
    : null;
  const toTier2 = divideRounded(paidToPrime * BigInt(rnd.int(10, 40)), 100n);
  rows.funding.push([rnd.uuid(), contractId, tier2, o.fy, financialQuarterOf(o.start), toTier2, 'seed']);
  if (tier3) rows.funding.push([rnd.uuid(), contractId, tier3, o.fy, financialQuarterOf(o.start), toTier2 / 3n, 'seed']);
}
