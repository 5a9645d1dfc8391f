/**
 * What the domain needs of a working-day calendar (@onewindow/calendar's
 * WorkingDayCalendar fits): the n-th working day after a date (the date
 * itself never counts), and the working days in (from, to].
 */
export interface WorkingDays {
  addWorkingDays(from: string, n: number): { readonly date: string; readonly provisional: boolean };
  workingDaysBetween(from: string, to: string): number;
  isProvisional(date: string): boolean;
}

/**
 * Far above any published limit (the Licensing Law's longest is 45 + 15
 * working days); a larger value is a bad event, not a deadline to count to.
 */
export const MAX_LIMIT_DAYS = 366;

/** China Standard Time: UTC+8 all year, no daylight saving. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in China of an instant (ISO 8601). */
export function chinaDate(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Published limits may be fractional (a promise of 0.5 days): the clock counts whole working days, rounding up. */
export const wholeDays = (limitDays: number): number => Math.ceil(limitDays);
