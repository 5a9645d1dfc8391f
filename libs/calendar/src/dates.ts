import { CalendarError } from './errors.js';

/**
 * Plain dates as whole days since 1970-01-01, computed in UTC so the host's
 * time zone and daylight saving can never shift a day.
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day a YYYY-MM-DD string names, or undefined if it names none (2025-02-30). */
export function tryParseDate(date: string): DayNumber | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

export function parseDate(date: string): DayNumber {
  const day = tryParseDate(date);
  if (day === undefined) throw new CalendarError('CALENDAR_INVALID_DATE', `not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return day;
}

export function formatDate(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function isWeekend(day: DayNumber): boolean {
  const weekday = new Date(day * MS_PER_DAY).getUTCDay();
  return weekday === 0 || weekday === 6;
}
