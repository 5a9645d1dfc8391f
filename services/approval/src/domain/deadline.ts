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

/** The calendar date in China of an instant (ISO 8601). */
export { chinaDate } from '@onewindow/calendar/china-time';

/** Published limits may be fractional (a promise of 0.5 days): the clock counts whole working days, rounding up. */
export const wholeDays = (limitDays: number): number => Math.ceil(limitDays);
