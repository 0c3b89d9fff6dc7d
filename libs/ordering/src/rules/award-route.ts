import { formatPounds, Pence } from '@mkt/common';

/**
 * Award routes under the Procurement Act 2023, for light-touch services (probation services are
 * light-touch: Schedule 1 and the Procurement Regulations 2024):
 * - below the light-touch threshold (GBP 663,540 including VAT from 1 January 2024) the Act's
 *   competitive procedures do not apply and a commissioner may award directly: `LIGHT_TOUCH_DIRECT_AWARD`
 *   (the name is kept from before; it now means a below-threshold direct award only);
 * - at or above it, a direct award needs a Schedule 5 justification, recorded with its reasons:
 *   `URGENT_NEED` (extreme and unavoidable urgency), `ONLY_SUITABLE_PROVIDER` (single supplier: no
 *   reasonable alternative), `CONTINUITY_OF_CARE` (user choice contracts: the service user's needs
 *   and preferences);
 * - or a call-off under a framework already competed (`FRAMEWORK_CALL_OFF`, naming the framework).
 * Values compared with thresholds include VAT; a price without VAT recorded is taken as
 * VAT-inclusive (most voluntary-sector probation services are exempt or outside the scope of VAT).
 */
export type AwardRouteName = 'LIGHT_TOUCH_DIRECT_AWARD' | 'URGENT_NEED' | 'ONLY_SUITABLE_PROVIDER' | 'CONTINUITY_OF_CARE' | 'FRAMEWORK_CALL_OFF';

export const SCHEDULE_5_GROUNDS: readonly AwardRouteName[] = ['URGENT_NEED', 'ONLY_SUITABLE_PROVIDER', 'CONTINUITY_OF_CARE'];

/** Shortest justification accepted for a Schedule 5 direct award (a sentence, not a word). */
export const MIN_JUSTIFICATION_LENGTH = 30;

export interface AwardRouteInput {
  route: AwardRouteName;
  /** The contract's value including VAT, with the running total it adds to (see `runningTotalFlags`). */
  valuePence: Pence;
  justification?: string | null;
  frameworkReference?: string | null;
  lightTouchThresholdPence: Pence;
}

/** Why the route cannot be used for this award, or null when it can. */
export function awardRouteRefusal(input: AwardRouteInput): string | null {
  const { route, valuePence, lightTouchThresholdPence: threshold } = input;
  if (route === 'LIGHT_TOUCH_DIRECT_AWARD' && valuePence >= threshold)
    return `A direct award below the light-touch threshold must be under ${formatPounds(threshold)} including VAT; this award comes to ${formatPounds(valuePence)}: use a Schedule 5 ground with a justification, or a framework call-off`;
  if (SCHEDULE_5_GROUNDS.includes(route) && (input.justification?.trim().length ?? 0) < MIN_JUSTIFICATION_LENGTH)
    return `A direct award on the ${route} ground (Procurement Act 2023, Schedule 5) needs a justification of at least ${MIN_JUSTIFICATION_LENGTH} characters`;
  if (route === 'FRAMEWORK_CALL_OFF' && !input.frameworkReference?.trim()) return 'A framework call-off must name the framework (frameworkReference)';
  return null;
}

/** Notices and thresholds a running total crosses. */
export type AwardFlag = 'CONTRACT_DETAILS_NOTICE_DUE' | 'LIGHT_TOUCH_THRESHOLD_REACHED';

export interface RunningTotalThresholds {
  /** Central government publishes a contract details notice for contracts over GBP 12,000 including VAT. */
  noticePence: Pence;
  lightTouchThresholdPence: Pence;
}

/**
 * What the running total of awards to one provider for one category, region and financial year
 * crosses once this order is added: splitting one need into several small orders does not avoid
 * the notice, the threshold or the approval that the whole would need.
 */
export function runningTotalFlags(before: Pence, order: Pence, limits: RunningTotalThresholds): AwardFlag[] {
  const after = before + order;
  const flags: AwardFlag[] = [];
  if (after > limits.noticePence) flags.push('CONTRACT_DETAILS_NOTICE_DUE');
  if (after >= limits.lightTouchThresholdPence) flags.push('LIGHT_TOUCH_THRESHOLD_REACHED');
  return flags;
}
