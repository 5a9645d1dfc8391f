import { describe, expect, it } from 'vitest';
import { calendar } from '../testing/fixtures.js';
import { chinaDate } from './deadline.js';
import { extendCountdown, pauseCountdown, remainingOn, resumeCountdown, startCountdown, usedOn } from './countdown.js';

describe('a working-day countdown that stops and starts', () => {
  it('counts from the day after the start: 5 days from Tue 2026-02-10 end on Tue 02-24 (make-up Sat 02-14 counts, 02-15..23 do not)', () => {
    const c = startCountdown(calendar, '2026-02-10', 5);
    expect(c).toMatchObject({ deadline: '2026-02-24', provisional: false, remaining: 5 });
    expect(remainingOn(calendar, c, '2026-02-14')).toBe(1);
    expect(remainingOn(calendar, c, '2026-02-23')).toBe(1);
    expect(remainingOn(calendar, c, '2026-02-25')).toBe(-1);
  });

  it('freezes the days left while paused and restores them exactly on resumption', () => {
    const started = startCountdown(calendar, '2026-02-10', 5);
    const paused = pauseCountdown(calendar, started, '2026-02-12');
    expect(paused.remaining).toBe(3);
    // Three weeks later, still three.
    expect(remainingOn(calendar, paused, '2026-03-05')).toBe(3);
    const resumed = resumeCountdown(calendar, paused, '2026-02-26');
    // Fri 02-27 (1), make-up Sat 02-28 (2), Mon 03-02 (3).
    expect(resumed).toMatchObject({ runningSince: '2026-02-26', remaining: 3, deadline: '2026-03-02' });
    expect(remainingOn(calendar, resumed, '2026-02-26')).toBe(3);
    // The deadline moved by exactly the working days suspended (02-13, 02-14, 02-24, 02-25, 02-26).
    expect(calendar.workingDaysBetween('2026-02-24', '2026-03-02')).toBe(calendar.workingDaysBetween('2026-02-12', '2026-02-26'));
  });

  it('adds an extension to the limit and moves the deadline', () => {
    const c = extendCountdown(calendar, startCountdown(calendar, '2025-09-26', 5), 3);
    // 09-28 (make-up Sun), 09-29, 09-30, then 10-09, 10-10 (5), make-up Sat 10-11 (6), 10-13, 10-14 (8).
    expect(c).toMatchObject({ limitDays: 8, extendedDays: 3, deadline: '2025-10-14' });
    expect(usedOn(calendar, c, '2025-10-08')).toBe(3);
  });

  it('keeps counting past the deadline: negative days left are days overdue', () => {
    const c = startCountdown(calendar, '2026-03-11', 5);
    expect(remainingOn(calendar, c, '2026-03-20')).toBe(-2);
  });
});

describe('the date a clock starts from', () => {
  it('is the calendar date in China (UTC+8), whatever the host’s time zone', () => {
    expect(chinaDate('2026-03-10T15:59:59Z')).toBe('2026-03-10');
    expect(chinaDate('2026-03-10T16:00:00Z')).toBe('2026-03-11');
  });
});
