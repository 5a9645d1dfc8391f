import { describe, expect, it } from 'vitest';
import { CalendarError, loadBundledSchedules, validateSchedule, WorkingDayCalendar } from '../src/index.js';
import { scheduleFixture } from './fixtures.js';

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
