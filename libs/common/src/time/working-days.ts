/**
 * Working days in England and Wales: Monday to Friday, less the bank holidays. Orders' response
 * and approval deadlines count working days, as commissioners' service standards do.
 *
 * The bank holidays are derived from the Banking and Financial Dealings Act 1971 rules as GOV.UK
 * publishes them (https://www.gov.uk/bank-holidays): New Year's Day, Good Friday, Easter Monday,
 * the first and last Mondays of May, the last Monday of August, Christmas Day and Boxing Day, with
 * a substitute weekday when one falls at a weekend. Years in which a Royal Proclamation moved or
 * added a day are listed in PROCLAIMED; `extra` lets an operator add a new proclamation without a
 * release (configuration `BANK_HOLIDAYS_EXTRA`).
 */

const DAY_MS = 86_400_000;

/** Moved or added by proclamation: [year, days removed, days added]. */
const PROCLAIMED: Record<number, { removed: string[]; added: string[] }> = {
  2020: { removed: ['2020-05-04'], added: ['2020-05-08'] }, // VE Day 75
  2022: { removed: ['2022-05-30'], added: ['2022-06-02', '2022-06-03', '2022-09-19'] }, // Platinum Jubilee; the Queen's funeral
  2023: { removed: [], added: ['2023-05-08'] }, // the King's coronation
};

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utc = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day);
const weekday = (ms: number) => new Date(ms).getUTCDay(); // 0 Sunday .. 6 Saturday

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(utc(year, month, day));
}

function firstMonday(year: number, month: number): number {
  const first = utc(year, month, 1);
  return first + ((8 - weekday(first)) % 7) * DAY_MS;
}

function lastMonday(year: number, month: number): number {
  const last = utc(year, month + 1, 0);
  return last - ((weekday(last) + 6) % 7) * DAY_MS;
}

/** The bank holidays of one calendar year in England and Wales, sorted. */
export function bankHolidays(year: number): string[] {
  const days: number[] = [];
  const newYear = utc(year, 1, 1);
  days.push(weekday(newYear) === 6 ? newYear + 2 * DAY_MS : weekday(newYear) === 0 ? newYear + DAY_MS : newYear);
  const easter = Date.parse(`${easterSunday(year)}T00:00:00Z`);
  days.push(easter - 2 * DAY_MS, easter + DAY_MS);
  days.push(firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8));
  const christmas = utc(year, 12, 25);
  // Christmas on Saturday: Monday 27 and Tuesday 28; on Sunday: Tuesday 27 (Boxing Day Monday 26);
  // Boxing Day on Saturday (Christmas Friday): Monday 28.
  const xmasDay = weekday(christmas);
  if (xmasDay === 6) days.push(christmas + 2 * DAY_MS, christmas + 3 * DAY_MS);
  else if (xmasDay === 0) days.push(christmas + DAY_MS, christmas + 2 * DAY_MS);
  else if (xmasDay === 5) days.push(christmas, christmas + 3 * DAY_MS);
  else days.push(christmas, christmas + DAY_MS);
  const proclaimed = PROCLAIMED[year];
  const dates = days.map(iso).filter((d) => !proclaimed?.removed.includes(d));
  return [...dates, ...(proclaimed?.added ?? [])].sort();
}

export class WorkingDays {
  private readonly cache = new Map<number, Set<string>>();

  constructor(private readonly extra: readonly string[] = []) {}

  isWorkingDay(date: string): boolean {
    const ms = Date.parse(`${date}T00:00:00Z`);
    const day = weekday(ms);
    if (day === 0 || day === 6) return false;
    return !this.holidaysOf(Number(date.slice(0, 4))).has(date);
  }

  /** The date `count` working days after `date` (the day itself does not count). */
  add(date: string, count: number): string {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number of days, 0 or more');
    let ms = Date.parse(`${date}T00:00:00Z`);
    for (let left = count; left > 0;) {
      ms += DAY_MS;
      if (this.isWorkingDay(iso(ms))) left--;
    }
    return iso(ms);
  }

  private holidaysOf(year: number): Set<string> {
    let set = this.cache.get(year);
    if (!set) {
      set = new Set([...bankHolidays(year), ...this.extra.filter((d) => d.startsWith(`${year}-`))]);
      this.cache.set(year, set);
    }
    return set;
  }
}
