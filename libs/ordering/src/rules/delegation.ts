import { Pence } from '@mkt/common';

/**
 * The scheme of delegation: who must approve an award (or a variation that raises value) above
 * what the placing commissioner may commit alone. Levels rise with value; each level's limit is
 * the most it may approve. Configurable, as each HMPPS region's scheme differs; the default
 * follows a common shape: a peer commissioner above GBP 25,000, the regional director above
 * GBP 100,000, the commercial directorate above GBP 500,000.
 */
export type ApprovalLevel = 'NONE' | 'PEER_COMMISSIONER' | 'REGIONAL_DIRECTOR' | 'COMMERCIAL';

export interface DelegationBand {
  level: ApprovalLevel;
  /** Values above this need the level. */
  abovePence: Pence;
}

export const DEFAULT_SCHEME: readonly DelegationBand[] = [
  { level: 'PEER_COMMISSIONER', abovePence: 2_500_000n },
  { level: 'REGIONAL_DIRECTOR', abovePence: 10_000_000n },
  { level: 'COMMERCIAL', abovePence: 50_000_000n },
];

/** The approval an amount needs: the highest band it is above (bands in any order). */
export function approvalLevelFor(amount: Pence, scheme: readonly DelegationBand[] = DEFAULT_SCHEME): ApprovalLevel {
  let level: ApprovalLevel = 'NONE';
  let highest = -1n;
  for (const band of scheme) {
    if (amount > band.abovePence && band.abovePence > highest) {
      level = band.level;
      highest = band.abovePence;
    }
  }
  return level;
}

/** Parses `PEER_COMMISSIONER:25000.00,REGIONAL_DIRECTOR:100000.00,...` (configuration) with a money parser. */
export function parseScheme(text: string, parse: (amount: string) => Pence): DelegationBand[] {
  const levels: ApprovalLevel[] = ['PEER_COMMISSIONER', 'REGIONAL_DIRECTOR', 'COMMERCIAL'];
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [level, amount] = part.split(':');
      if (!levels.includes(level as ApprovalLevel) || !amount) throw new Error(`Not a delegation band: "${part}" (LEVEL:amount)`);
      return { level: level as ApprovalLevel, abovePence: parse(amount) };
    });
}
