import { invalid } from '@onewindow/kernel';

/**
 * A case's time limit as a date: the limit in working days counted from the
 * day of acceptance (which does not count itself). `provisional` when a day
 * counted fell in a year whose official holiday schedule is not loaded yet,
 * so the date must be recomputed once the State Council publishes it.
 */
export interface Deadline {
  readonly limitDays: number;
  /** YYYY-MM-DD, China Standard Time. */
  readonly date: string;
  readonly provisional: boolean;
}

/** What the domain needs of a working-day calendar (@onewindow/calendar's WorkingDayCalendar fits). */
export interface WorkingDays {
  addWorkingDays(from: string, n: number): { readonly date: string; readonly provisional: boolean };
}

/**
 * Far above any published limit (the Licensing Law's longest is 45 + 15
 * working days); a larger value is a bad event, not a deadline to count to.
 */
export const MAX_LIMIT_DAYS = 366;

/** China Standard Time: UTC+8 all year, no daylight saving. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in China of an instant (ISO 8601). */
export function chinaDate(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The deadline `limitDays` working days after acceptance. Fractional limits
 * (a published promise of 0.5 days) round up to whole working days.
 */
export function deadlineAfter(calendar: WorkingDays, acceptedAt: string, limitDays: number): Deadline {
  if (!Number.isFinite(limitDays) || limitDays < 0 || limitDays > MAX_LIMIT_DAYS) {
    throw invalid('CASE_LIMIT_INVALID', `a time limit must be 0 to ${MAX_LIMIT_DAYS} working days, got ${limitDays}`);
  }
  const counted = calendar.addWorkingDays(chinaDate(acceptedAt), Math.ceil(limitDays));
  return { limitDays, date: counted.date, provisional: counted.provisional };
}

export function caseDeadlines(
  calendar: WorkingDays,
  accepted: { readonly acceptedAt: string; readonly promisedLimitDays: number; readonly statutoryLimitDays: number },
): { promised: Deadline; statutory: Deadline } {
  return {
    promised: deadlineAfter(calendar, accepted.acceptedAt, accepted.promisedLimitDays),
    statutory: deadlineAfter(calendar, accepted.acceptedAt, accepted.statutoryLimitDays),
  };
}
