/**
 * The periods a stopped contract can no longer pay: those that begin after the day it stopped
 * (rules/contract-dates `stopRefusal` refuses their payments). A period under way on that day is
 * delivered in part and can still be settled, so it is not among them.
 */
export function unstartedLines<T extends { startDate: string }>(schedule: readonly T[], stoppedOn: string): T[] {
  return schedule.filter((line) => line.startDate > stoppedOn);
}
