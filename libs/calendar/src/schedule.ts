import { isWeekend, tryParseDate, yearOf, type DayNumber } from './dates.js';
import { CalendarError, type CalendarErrorDetail } from './errors.js';

/** One year's official arrangement: holidays by festival name, and the weekend days worked instead (调休). */
export interface YearSchedule {
  readonly year: number;
  readonly holidays: Readonly<Record<string, readonly string[]>>;
  readonly makeUpWorkdays: readonly string[];
  /** The State Council notice the dates come from. */
  readonly source?: string;
}

/**
 * Checks a schedule read from JSON and returns a clean copy. Every problem is
 * named at once: a bad date, a date of another year, a make-up day that is
 * not a weekend day, a day that is both a holiday and a make-up workday.
 */
export function validateSchedule(json: unknown): YearSchedule {
  const problems: CalendarErrorDetail[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CalendarError('CALENDAR_SCHEDULE_INVALID', 'a year schedule must be an object');
  }
  const { year, holidays, makeUpWorkdays, source } = json as Record<string, unknown>;

  const yearOk = Number.isInteger(year) && (year as number) >= 1000 && (year as number) <= 9999;
  if (!yearOk) fail('year', `year must be a four-digit integer, got ${JSON.stringify(year)}`);

  /** The date if it is a real day of this schedule's year; otherwise records why not. */
  const dateInYear = (field: string, value: unknown): { date: string; day: DayNumber } | undefined => {
    const day = typeof value === 'string' ? tryParseDate(value) : undefined;
    if (typeof value !== 'string' || day === undefined) {
      fail(field, `not a YYYY-MM-DD date: ${JSON.stringify(value)}`);
      return undefined;
    }
    if (yearOk && yearOf(day) !== year) {
      fail(field, `${value} does not belong to ${String(year)}`);
      return undefined;
    }
    return { date: value, day };
  };

  const holidayCopy: Record<string, string[]> = {};
  const holidayDates = new Set<string>();
  if (!isPlainObject(holidays)) fail('holidays', 'holidays must map a festival name to a list of dates');
  else {
    for (const [name, dates] of Object.entries(holidays)) {
      if (!Array.isArray(dates)) {
        fail(`holidays.${name}`, 'must be a list of dates');
        continue;
      }
      const valid = dates.flatMap((value: unknown, i) => dateInYear(`holidays.${name}[${i}]`, value) ?? []);
      holidayCopy[name] = valid.map(({ date }) => date);
      valid.forEach(({ date }) => holidayDates.add(date));
    }
  }

  const makeUpCopy: string[] = [];
  if (!Array.isArray(makeUpWorkdays)) fail('makeUpWorkdays', 'makeUpWorkdays must be a list of dates');
  else {
    makeUpWorkdays.forEach((value: unknown, i) => {
      const field = `makeUpWorkdays[${i}]`;
      const valid = dateInYear(field, value);
      if (!valid) return;
      const { date, day } = valid;
      if (!isWeekend(day)) fail(field, `${date} is a weekday: a make-up workday is a Saturday or Sunday`);
      if (holidayDates.has(date)) fail(field, `${date} is listed both as a holiday and as a make-up workday`);
      makeUpCopy.push(date);
    });
  }

  if (source !== undefined && typeof source !== 'string') fail('source', 'source must be text');
  if (problems.length > 0) {
    const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw new CalendarError('CALENDAR_SCHEDULE_INVALID', `invalid year schedule: ${summary}`, problems);
  }
  return {
    year: year as number,
    holidays: holidayCopy,
    makeUpWorkdays: makeUpCopy,
    ...(typeof source === 'string' ? { source } : {}),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
