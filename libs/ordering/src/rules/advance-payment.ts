import { IncomeBandName } from './outcome-terms';

/**
 * An advance payment schedule (fixed instalments payable from the first day of their period rather
 * than in arrears, from its last day) is for small providers only: a charity with income under
 * GBP 1m cannot carry a quarter's delivery costs from reserves (the 2018 research found half of
 * funded charity services subsidised that way). Larger providers are paid in arrears.
 */
export const ADVANCE_PAYMENT_BANDS: readonly IncomeBandName[] = ['UNDER_100K', 'FROM_100K_TO_1M'];

/** Why the provider's band may not have an advance schedule, or null when it may (or none is asked for). */
export function advancePaymentRefusal(band: IncomeBandName, advancePayment: boolean): string | null {
  if (!advancePayment || ADVANCE_PAYMENT_BANDS.includes(band)) return null;
  return `An advance payment schedule is only for providers with income under GBP 1m (UNDER_100K or FROM_100K_TO_1M); this provider's income is ${band}: its fixed instalments are paid in arrears`;
}
