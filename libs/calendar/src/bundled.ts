import { readdirSync, readFileSync } from 'node:fs';
import { WorkingDayCalendar } from './calendar.js';
import { validateSchedule, type YearSchedule } from './schedule.js';

/**
 * The official schedules shipped in this package's data/ folder, one file per
 * year (cn-YYYY.json). The only file here that touches the disk; the path is
 * the same from src/ (tests) and from dist/ (runtime).
 */
const DATA_DIR = new URL('../data/', import.meta.url);
const SCHEDULE_FILE = /^cn-\d{4}\.json$/;

export function loadBundledSchedules(): YearSchedule[] {
  return readdirSync(DATA_DIR)
    .filter((name) => SCHEDULE_FILE.test(name))
    .sort()
    .map((name) => validateSchedule(JSON.parse(readFileSync(new URL(name, DATA_DIR), 'utf8'))));
}

export function bundledCalendar(): WorkingDayCalendar {
  return new WorkingDayCalendar(loadBundledSchedules());
}
