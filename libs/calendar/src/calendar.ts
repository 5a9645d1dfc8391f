import { formatDate, isWeekend, parseDate, yearOf, type DayNumber } from './dates.js';
import { CalendarError } from './errors.js';
import { validateSchedule, type YearSchedule } from './schedule.js';

export interface WorkingDayResult {
  /** YYYY-MM-DD */
  readonly date: string;
  /** True when a day counted fell in a year whose schedule is not loaded: weekends only, holidays unknown. */
  readonly provisional: boolean;
}

interface YearDays {
  readonly holidays: ReadonlySet<DayNumber>;
  readonly makeUpWorkdays: ReadonlySet<DayNumber>;
}

/**
 * Working days (工作日) as the State Council publishes them: Monday to Friday,
 * minus the holidays, plus the weekend days worked in exchange (调休). A year
 * whose schedule is not loaded falls back to weekends only and says so
 * (`provisional`), so a deadline can be recomputed once the notice is out.
 */
export class WorkingDayCalendar {
  readonly #schedules: readonly YearSchedule[];
  readonly #years: ReadonlyMap<number, YearDays>;

  constructor(schedules: readonly YearSchedule[]) {
    const validated = schedules.map(validateSchedule);
    const years = new Map<number, YearDays>();
    for (const schedule of validated) {
      if (years.has(schedule.year)) {
        throw new CalendarError('CALENDAR_DUPLICATE_YEAR', `two schedules for ${schedule.year}`);
      }
      years.set(schedule.year, {
        holidays: new Set(Object.values(schedule.holidays).flat().map(parseDate)),
        makeUpWorkdays: new Set(schedule.makeUpWorkdays.map(parseDate)),
      });
    }
    this.#schedules = validated;
    this.#years = years;
  }

  /** A calendar with this year's schedule added, or replacing the one loaded for that year. */
  withSchedule(schedule: YearSchedule): WorkingDayCalendar {
    return new WorkingDayCalendar([...this.#schedules.filter((s) => s.year !== schedule.year), schedule]);
  }

  loadedYears(): number[] {
    return [...this.#years.keys()].sort((a, b) => a - b);
  }

  isWorkingDay(date: string): boolean {
    return this.#isWorking(parseDate(date));
  }

  /** True when the date's year has no schedule loaded. */
  isProvisional(date: string): boolean {
    return !this.#years.has(yearOf(parseDate(date)));
  }

  /** The n-th working day after `from` (which never counts itself); n = 0 gives `from` back. */
  addWorkingDays(from: string, n: number): WorkingDayResult {
    if (!Number.isInteger(n) || n < 0) {
      throw new CalendarError('CALENDAR_INVALID_COUNT', `working days to add must be a whole number >= 0, got ${n}`);
    }
    let day = parseDate(from);
    let provisional = false;
    for (let counted = 0; counted < n; ) {
      day += 1;
      if (!this.#years.has(yearOf(day))) provisional = true;
      if (this.#isWorking(day)) counted += 1;
    }
    return { date: formatDate(day), provisional };
  }

  /** Working days in (from, to]; negative when `to` is before `from`. */
  workingDaysBetween(from: string, to: string): number {
    const start = parseDate(from);
    const end = parseDate(to);
    if (end < start) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = start + 1; day <= end; day += 1) {
      if (this.#isWorking(day)) count += 1;
    }
    return count;
  }

  #isWorking(day: DayNumber): boolean {
    const year = this.#years.get(yearOf(day));
    if (year?.makeUpWorkdays.has(day)) return true;
    if (year?.holidays.has(day)) return false;
    return !isWeekend(day);
  }
}
