import { addDays } from '@mkt/common';

/**
 * Retrospective orders (a start date before today): only an URGENT_NEED award, recorded within
 * `windowDays` of the start (an emergency placement made before the paperwork), and always approved
 * by someone else. Returns whether the order is retrospective and, if it may not be placed, why.
 */
export function retrospectiveCheck(input: { startDate: string; today: string; route: string; windowDays: number }): {
  retrospective: boolean;
  refusal: string | null;
} {
  const { startDate, today, route, windowDays } = input;
  if (startDate >= today) return { retrospective: false, refusal: null };
  if (route !== 'URGENT_NEED') {
    return {
      retrospective: true,
      refusal: `startDate ${startDate} is before today (${today}): only an URGENT_NEED award may start in the past`,
    };
  }
  const earliest = addDays(new Date(`${today}T00:00:00Z`), -windowDays)
    .toISOString()
    .slice(0, 10);
  if (startDate < earliest) {
    return {
      retrospective: true,
      refusal: `startDate ${startDate} is more than ${windowDays} days before today (${today}); the earliest allowed is ${earliest}`,
    };
  }
  return { retrospective: true, refusal: null };
}
