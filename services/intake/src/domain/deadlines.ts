import { chinaDate } from '@onewindow/calendar/china-time';
/**
 * The two clocks intake runs, in working days (工作日) of the official
 * calendar, counted from the day after the event (the day itself never
 * counts), in China Standard Time:
 *
 * - Art. 32 of the Administrative Licensing Law: an application must be
 *   accepted, refused, or answered with the one-time notice within 5 working
 *   days of receipt; otherwise it counts as accepted from the day of receipt.
 * - 容缺受理: pending materials are due a number of working days after the
 *   acceptance; missing that day terminates the case.
 *
 * A clock has run out once the China date is after its due date.
 */
export const NOTICE_LIMIT_WORKING_DAYS = 5;

/** What the domain needs of a working-day calendar (@onewindow/calendar's WorkingDayCalendar fits). */
export interface WorkingDays {
  addWorkingDays(from: string, n: number): { readonly date: string; readonly provisional: boolean };
}

/** The calendar date in China (YYYY-MM-DD) of an instant. */
export { chinaDate };

/** The last day on which receipt of an application may still be answered. */
export function noticeDueDate(calendar: WorkingDays, receivedAt: string): string {
  return calendar.addWorkingDays(chinaDate(receivedAt), NOTICE_LIMIT_WORKING_DAYS).date;
}

/** The last day for pending materials accepted at `acceptedAt`. */
export function pendingDueDate(calendar: WorkingDays, acceptedAt: string, workingDays: number): string {
  return calendar.addWorkingDays(chinaDate(acceptedAt), workingDays).date;
}

/** Whether a clock due on `dueDate` has run out at `now`. */
export function hasRunOut(dueDate: string, now: Date): boolean {
  return chinaDate(now) > dueDate;
}
