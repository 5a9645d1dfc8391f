import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { WorkingDayCalendar } from './calendar.js';
import { CalendarError } from './errors.js';
import { validateSchedule, type YearSchedule } from './schedule.js';

/**
 * The official schedules shipped in this package's data/ folder, one file per
 * year (cn-YYYY.json), and any folder an operator points at. The only file
 * here that touches the disk; the path is the same from src/ (tests) and from
 * dist/ (runtime).
 */
const DATA_DIR = new URL('../data/', import.meta.url);
const SCHEDULE_FILE = /^cn-(\d{4})\.json$/;

export function loadBundledSchedules(): YearSchedule[] {
  return loadSchedulesFrom(DATA_DIR);
}

/**
 * Every `cn-YYYY.json` in a folder, validated, oldest first. A file whose
 * name and `year` disagree is refused: adding a year is dropping one file in,
 * and a misnamed copy must not silently stand for another year.
 */
export function loadSchedulesFrom(dir: string | URL): YearSchedule[] {
  const base = typeof dir === 'string' ? pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`) : dir;
  return readdirSync(base)
    .filter((name) => SCHEDULE_FILE.test(name))
    .sort()
    .map((name) => {
      const schedule = validateSchedule(JSON.parse(readFileSync(new URL(name, base), 'utf8')));
      const named = Number(SCHEDULE_FILE.exec(name)?.[1]);
      if (schedule.year !== named) {
        throw new CalendarError('CALENDAR_SCHEDULE_INVALID', `${name} holds the schedule of ${schedule.year}`, [
          { field: 'year', message: `file ${name} must hold year ${named}` },
        ]);
      }
      return schedule;
    });
}

/**
 * The bundled schedules, then those of each extra folder in order; a later
 * folder's year replaces an earlier one (a corrected notice).
 */
export function bundledCalendar(extraDirs: readonly string[] = []): WorkingDayCalendar {
  let calendar = new WorkingDayCalendar(loadBundledSchedules());
  for (const dir of extraDirs) for (const schedule of loadSchedulesFrom(dir)) calendar = calendar.withSchedule(schedule);
  return calendar;
}
