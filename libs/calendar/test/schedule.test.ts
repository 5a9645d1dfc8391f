import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bundledCalendar,
  CalendarError,
  loadBundledSchedules,
  loadSchedulesFrom,
  validateSchedule,
  WorkingDayCalendar,
} from '../src/index.js';
import { fictitious2027, scheduleFixture } from './fixtures.js';

function problemsOf(input: unknown): CalendarError {
  try {
    validateSchedule(input);
  } catch (err) {
    if (err instanceof CalendarError) return err;
    throw err;
  }
  throw new Error('expected the schedule to be refused');
}

describe('validateSchedule', () => {
  it('accepts the bundled official schedules for 2025 and 2026', () => {
    const schedules = loadBundledSchedules();
    expect(schedules.map((s) => s.year)).toEqual([2025, 2026]);
    expect(schedules[0]?.holidays['春节']).toHaveLength(8);
    expect(schedules[1]?.makeUpWorkdays).toContain('2026-02-28');
  });

  it('refuses a date that does not exist', () => {
    const err = problemsOf(scheduleFixture({ holidays: { 春节: ['2025-02-30'] } }));
    expect(err.code).toBe('CALENDAR_SCHEDULE_INVALID');
    expect(err.details).toEqual([{ field: 'holidays.春节[0]', message: 'not a YYYY-MM-DD date: "2025-02-30"' }]);
  });

  it('refuses a date written in another format or not a string', () => {
    const err = problemsOf(scheduleFixture({ makeUpWorkdays: ['2025/01/26', 20250208] as unknown as string[] }));
    expect(err.details.map((d) => d.field)).toEqual(['makeUpWorkdays[0]', 'makeUpWorkdays[1]']);
  });

  it('refuses a date that belongs to another year', () => {
    const err = problemsOf(scheduleFixture({ year: 2025, holidays: { 元旦: ['2026-01-01'] } }));
    expect(err.details[0]?.message).toBe('2026-01-01 does not belong to 2025');
  });

  it('refuses a day that is both a holiday and a make-up workday', () => {
    const err = problemsOf(scheduleFixture({ holidays: { 春节: ['2025-02-08'] }, makeUpWorkdays: ['2025-02-08'] }));
    expect(err.details[0]?.message).toMatch(/both as a holiday and as a make-up workday/);
  });

  it('refuses a make-up workday that is a weekday', () => {
    const err = problemsOf(scheduleFixture({ makeUpWorkdays: ['2025-02-07'] }));
    expect(err.details[0]?.message).toMatch(/is a weekday/);
  });

  it('names every problem at once', () => {
    const err = problemsOf({ year: 2025, holidays: { a: ['2025-13-01'], b: 'x' }, makeUpWorkdays: ['2024-12-28'] });
    expect(err.details.map((d) => d.field)).toEqual(['holidays.a[0]', 'holidays.b', 'makeUpWorkdays[0]']);
    expect(err.message).toContain('holidays.b');
  });

  it('refuses a missing or non-integer year, and input that is not an object', () => {
    expect(problemsOf({ holidays: {}, makeUpWorkdays: [] }).details[0]?.field).toBe('year');
    expect(problemsOf({ year: 2025.5, holidays: {}, makeUpWorkdays: [] }).details[0]?.field).toBe('year');
    expect(problemsOf(null).code).toBe('CALENDAR_SCHEDULE_INVALID');
    expect(problemsOf([]).code).toBe('CALENDAR_SCHEDULE_INVALID');
  });

  it('returns a copy, so later changes to the input do not move the calendar', () => {
    const input = { year: 2025, holidays: { x: ['2025-03-03'] }, makeUpWorkdays: [] as string[] };
    const calendar = new WorkingDayCalendar([input]);
    input.holidays.x.push('2025-03-04');
    expect(calendar.isWorkingDay('2025-03-04')).toBe(true);
    expect(calendar.isWorkingDay('2025-03-03')).toBe(false);
  });
});

describe('WorkingDayCalendar construction', () => {
  it('validates the schedules it is given', () => {
    expect(() => new WorkingDayCalendar([scheduleFixture({ makeUpWorkdays: ['2025-02-30'] })])).toThrow(CalendarError);
  });

  it('refuses two schedules for the same year', () => {
    expect(() => new WorkingDayCalendar([scheduleFixture(), scheduleFixture()])).toThrow(
      expect.objectContaining({ code: 'CALENDAR_DUPLICATE_YEAR' }),
    );
  });
});

describe('schedules from a folder', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const folderWith = (files: Record<string, unknown>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    folders.push(dir);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
    return dir;
  };

  it('adds a year by dropping its file in a folder: no code change', () => {
    const dir = folderWith({ 'cn-2027.json': fictitious2027, 'README.txt': 'ignored' });
    expect(loadSchedulesFrom(dir).map((s) => s.year)).toEqual([2027]);
    const calendar = bundledCalendar([dir]);
    expect(calendar.loadedYears()).toEqual([2025, 2026, 2027]);
    expect(calendar.addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-04', provisional: false });
    expect(bundledCalendar().addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-01', provisional: true });
  });

  it('refuses a file whose name names another year', () => {
    const dir = folderWith({ 'cn-2028.json': fictitious2027 });
    expect(() => loadSchedulesFrom(dir)).toThrow(expect.objectContaining({ code: 'CALENDAR_SCHEDULE_INVALID' }));
  });

  it('refuses an invalid schedule rather than counting on it', () => {
    const dir = folderWith({ 'cn-2027.json': { ...fictitious2027, makeUpWorkdays: ['2027-01-05'] } });
    expect(() => bundledCalendar([dir])).toThrow(expect.objectContaining({ code: 'CALENDAR_SCHEDULE_INVALID' }));
  });
});
