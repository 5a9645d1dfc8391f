import type { WorkingDays } from './deadline.js';

/**
 * A time limit in working days that can stop and start again (限时办结 with
 * suspensions). It keeps the working days still `remaining` as of the day it
 * last started running (`runningSince`), so a pause freezes the count and a
 * resume continues it exactly: the days in between never count.
 *
 * Days count in (runningSince, today]: the day the clock starts (acceptance,
 * or resumption) does not count, as with every statutory time limit; the
 * day a suspension starts does.
 */
export interface Countdown {
  /** The limit with every extension granted. */
  readonly limitDays: number;
  readonly extendedDays: number;
  /** YYYY-MM-DD; null while paused. */
  readonly runningSince: string | null;
  /** Working days left as of `runningSince` (or frozen at the pause); negative once overdue. */
  readonly remaining: number;
  /** The last day within the limit, while running; the date in effect before a pause otherwise. */
  readonly deadline: string;
  /** The deadline was counted through a year whose holiday schedule was not loaded. */
  readonly provisional: boolean;
}

export function startCountdown(calendar: WorkingDays, date: string, limitDays: number): Countdown {
  const end = calendar.addWorkingDays(date, limitDays);
  return { limitDays, extendedDays: 0, runningSince: date, remaining: limitDays, deadline: end.date, provisional: end.provisional };
}

/** Working days left on `date` (negative: that many working days overdue). */
export function remainingOn(calendar: WorkingDays, c: Countdown, date: string): number {
  if (c.runningSince === null) return c.remaining;
  return c.remaining - calendar.workingDaysBetween(c.runningSince, date);
}

/** Working days used by `date`. */
export const usedOn = (calendar: WorkingDays, c: Countdown, date: string): number => c.limitDays - remainingOn(calendar, c, date);

export function pauseCountdown(calendar: WorkingDays, c: Countdown, date: string): Countdown {
  if (c.runningSince === null) return c;
  return { ...c, runningSince: null, remaining: remainingOn(calendar, c, date) };
}

export function resumeCountdown(calendar: WorkingDays, c: Countdown, date: string): Countdown {
  if (c.runningSince !== null) return c;
  return withDeadline(calendar, { ...c, runningSince: date });
}

export function extendCountdown(calendar: WorkingDays, c: Countdown, days: number): Countdown {
  const extended = { ...c, limitDays: c.limitDays + days, extendedDays: c.extendedDays + days, remaining: c.remaining + days };
  return extended.runningSince === null ? extended : withDeadline(calendar, extended);
}

/**
 * Counts the deadline again: a provisional one once its year's schedule is
 * loaded. A clock already overdue when it started running keeps the date it
 * missed.
 */
export function withDeadline(calendar: WorkingDays, c: Countdown): Countdown {
  if (c.runningSince === null || c.remaining < 0) return c;
  const end = calendar.addWorkingDays(c.runningSince, c.remaining);
  return { ...c, deadline: end.date, provisional: end.provisional };
}
