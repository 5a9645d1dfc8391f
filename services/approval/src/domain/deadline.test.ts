import { loadBundledSchedules, WorkingDayCalendar } from '@onewindow/calendar';
import { describe, expect, it } from 'vitest';
import { caseDeadlines, chinaDate, deadlineAfter } from './deadline.js';

const only2026 = new WorkingDayCalendar(loadBundledSchedules().filter((s) => s.year === 2026));

describe('chinaDate', () => {
  it('reads the date in China Standard Time, not UTC', () => {
    expect(chinaDate('2026-05-08T16:30:00Z')).toBe('2026-05-09');
    expect(chinaDate('2026-05-08T15:59:59Z')).toBe('2026-05-08');
  });
});

describe('caseDeadlines', () => {
  it('counts working days past the National Day holiday and its make-up Saturday', () => {
    const deadlines = caseDeadlines(only2026, {
      acceptedAt: '2026-09-30T00:00:00Z',
      promisedLimitDays: 5,
      statutoryLimitDays: 20,
    });
    expect(deadlines).toEqual({
      promised: { limitDays: 5, date: '2026-10-13', provisional: false },
      statutory: { limitDays: 20, date: '2026-11-03', provisional: false },
    });
  });

  it('rounds a half-day promise up to the next working day, counted from the China date', () => {
    // 00:30 on Saturday 9 May in Beijing, a make-up working day; the next working day is Monday.
    expect(deadlineAfter(only2026, '2026-05-08T16:30:00Z', 0.5)).toEqual({ limitDays: 0.5, date: '2026-05-11', provisional: false });
  });

  it('marks a deadline that runs into a year without a published schedule as provisional', () => {
    expect(deadlineAfter(only2026, '2026-12-28T02:00:00Z', 5).provisional).toBe(true);
  });

  it('refuses a limit no law sets rather than counting to it', () => {
    expect(() => deadlineAfter(only2026, '2026-03-11T02:00:00Z', 1e9)).toThrow(expect.objectContaining({ code: 'CASE_LIMIT_INVALID' }));
  });

  it('gives the acceptance date itself for a zero-day limit', () => {
    expect(deadlineAfter(only2026, '2026-03-11T02:00:00Z', 0)).toEqual({ limitDays: 0, date: '2026-03-11', provisional: false });
  });
});
