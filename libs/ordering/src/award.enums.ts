import { registerEnumType } from '@nestjs/graphql';

/** Who must approve an order under the scheme of delegation (rules/delegation.ts), lowest first. */
export enum ApprovalLevel {
  NONE = 'NONE',
  PEER_COMMISSIONER = 'PEER_COMMISSIONER',
  REGIONAL_DIRECTOR = 'REGIONAL_DIRECTOR',
  COMMERCIAL = 'COMMERCIAL',
}

/** What the provider's running total crosses once an order is added (rules/award-route.ts). */
export enum AwardFlag {
  CONTRACT_DETAILS_NOTICE_DUE = 'CONTRACT_DETAILS_NOTICE_DUE',
  LIGHT_TOUCH_THRESHOLD_REACHED = 'LIGHT_TOUCH_THRESHOLD_REACHED',
}

const RANK: Record<ApprovalLevel, number> = { NONE: 0, PEER_COMMISSIONER: 1, REGIONAL_DIRECTOR: 2, COMMERCIAL: 3 };

/** True when `held` is at least `needed`. */
export function levelCovers(held: ApprovalLevel, needed: ApprovalLevel): boolean {
  return RANK[held] >= RANK[needed];
}

/** The higher of two levels. */
export function higherLevel(a: ApprovalLevel, b: ApprovalLevel): ApprovalLevel {
  return RANK[a] >= RANK[b] ? a : b;
}

registerEnumType(ApprovalLevel, {
  name: 'ApprovalLevel',
  valuesMap: {
    NONE: { description: 'The placing commissioner may commit it alone.' },
    PEER_COMMISSIONER: { description: 'Another commissioner of the region.' },
    REGIONAL_DIRECTOR: { description: 'A REGIONAL_DIRECTOR of the region.' },
    COMMERCIAL: { description: 'The commercial directorate (COMMERCIAL role, all regions).' },
  },
});
registerEnumType(AwardFlag, {
  name: 'AwardFlag',
  valuesMap: {
    CONTRACT_DETAILS_NOTICE_DUE: { description: "The provider's running total is over GBP 12,000 including VAT: a contract details notice is due." },
    LIGHT_TOUCH_THRESHOLD_REACHED: { description: 'The running total reaches the light-touch threshold: no below-threshold direct award.' },
  },
});
