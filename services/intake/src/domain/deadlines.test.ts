import { bundledCalendar } from '@onewindow/calendar';
import { describe, expect, it } from 'vitest';
import { chinaDate, hasRunOut, noticeDueDate, pendingDueDate } from './deadlines.js';

const calendar = bundledCalendar();

describe('working-day deadlines', () => {
  it('reads the date in China: 23:30 UTC is already the next day in Chengdu', () => {
    expect(chinaDate('2026-01-05T23:30:00.000Z')).toBe('2026-01-06');
    expect(chinaDate(new Date('2026-01-05T15:59:59.000Z'))).toBe('2026-01-05');
  });

  it('gives 5 working days to answer an application, skipping the weekend', () => {
    // Received Monday 5 January 2026: Tue 6, Wed 7, Thu 8, Fri 9, Mon 12.
    expect(noticeDueDate(calendar, '2026-01-05T02:00:00.000Z')).toBe('2026-01-12');
  });

  it('skips the Spring Festival holiday and counts its make-up workday', () => {
    // Received Friday 13 February 2026; 14 Feb (Saturday) is a make-up workday, 15–23 Feb the holiday, 28 Feb another make-up day.
    expect(noticeDueDate(calendar, '2026-02-13T02:00:00.000Z')).toBe('2026-02-27');
  });

  it('counts pending-material deadlines from the day of acceptance', () => {
    expect(pendingDueDate(calendar, '2026-01-05T02:00:00.000Z', 1)).toBe('2026-01-06');
    expect(pendingDueDate(calendar, '2026-01-09T02:00:00.000Z', 1)).toBe('2026-01-12');
  });

  it('runs out only once the due day is over in China', () => {
    expect(hasRunOut('2026-01-12', new Date('2026-01-12T15:59:59.999Z'))).toBe(false);
    expect(hasRunOut('2026-01-12', new Date('2026-01-12T16:00:00.000Z'))).toBe(true);
  });
});
