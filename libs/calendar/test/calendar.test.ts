import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../src/index.js';
import { bundled, fictitious2027, scheduleFixture } from './fixtures.js';

const calendar = new WorkingDayCalendar(bundled);
const add = (from: string, n: number) => calendar.addWorkingDays(from, n);

describe('isWorkingDay', () => {
  it.each([
    ['2025-01-28', false, 'Tuesday in the Spring Festival holiday'],
    ['2025-01-26', true, 'Sunday worked for the Spring Festival'],
    ['2025-02-08', true, 'Saturday worked for the Spring Festival'],
    ['2025-02-15', false, 'an ordinary Saturday'],
    ['2025-02-05', true, 'the Wednesday back after the holiday'],
    ['2025-10-08', false, 'Wednesday, last day of National Day + Mid-Autumn'],
    ['2026-01-04', true, 'Sunday worked for New Year 2026'],
    ['2026-02-23', false, 'Monday, last day of Spring Festival 2026'],
    ['2026-10-10', true, 'Saturday worked for National Day 2026'],
  ])('%s is working: %s (%s)', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });
});

describe('addWorkingDays across the 2025 Spring Festival (01-28..02-04 off, Sun 01-26 and Sat 02-08 worked)', () => {
  it('Fri 01-24 + 3: Sun 01-26 (1), Mon 01-27 (2), holiday, Wed 02-05 (3)', () => {
    expect(add('2025-01-24', 3)).toEqual({ date: '2025-02-05', provisional: false });
  });

  it('Mon 01-27 + 1 jumps the whole holiday to Wed 02-05', () => {
    expect(add('2025-01-27', 1).date).toBe('2025-02-05');
  });

  it('Mon 01-27 + 4 lands on the make-up Saturday 02-08 (Wed, Thu, Fri, Sat)', () => {
    expect(add('2025-01-27', 4).date).toBe('2025-02-08');
  });

  it('Mon 01-27 + 5 skips Sun 02-09 to Mon 02-10', () => {
    expect(add('2025-01-27', 5).date).toBe('2025-02-10');
  });

  it('counts 7 working days in (Fri 01-24, Mon 02-10]: 01-26, 01-27, 02-05, 02-06, 02-07, 02-08, 02-10', () => {
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
  });
});

describe('addWorkingDays across National Day + Mid-Autumn 2025 (10-01..08 off, Sun 09-28 and Sat 10-11 worked)', () => {
  it('Fri 09-26 + 1 is the make-up Sunday 09-28', () => {
    expect(add('2025-09-26', 1).date).toBe('2025-09-28');
  });

  it('Fri 09-26 + 4: 09-28, 09-29, 09-30, then Thu 10-09', () => {
    expect(add('2025-09-26', 4).date).toBe('2025-10-09');
  });

  it('Fri 09-26 + 6: ..., Thu 10-09 (4), Fri 10-10 (5), make-up Sat 10-11 (6)', () => {
    expect(add('2025-09-26', 6).date).toBe('2025-10-11');
  });

  it('Fri 09-26 + 7 skips Sun 10-12 to Mon 10-13', () => {
    expect(add('2025-09-26', 7).date).toBe('2025-10-13');
  });
});

describe('2026', () => {
  it('New Year: Wed 2025-12-31 + 1 skips Thu-Sat 01-01..03 to the make-up Sunday 01-04', () => {
    expect(add('2025-12-31', 1)).toEqual({ date: '2026-01-04', provisional: false });
    expect(add('2025-12-31', 2).date).toBe('2026-01-05');
  });

  it('Spring Festival: Fri 02-13 + 1 is the make-up Saturday 02-14; + 2 jumps 02-15..23 to Tue 02-24', () => {
    expect(add('2026-02-13', 1).date).toBe('2026-02-14');
    expect(add('2026-02-13', 2).date).toBe('2026-02-24');
  });

  it('Spring Festival: Fri 02-13 + 6 is the make-up Saturday 02-28; + 7 skips Sun 03-01 to Mon 03-02', () => {
    expect(add('2026-02-13', 6).date).toBe('2026-02-28');
    expect(add('2026-02-13', 7).date).toBe('2026-03-02');
  });

  it('National Day: Wed 09-30 + 1 is Thu 10-08; + 3 the make-up Saturday 10-10; + 4 Mon 10-12', () => {
    expect(add('2026-09-30', 1).date).toBe('2026-10-08');
    expect(add('2026-09-30', 2).date).toBe('2026-10-09');
    expect(add('2026-09-30', 3).date).toBe('2026-10-10');
    expect(add('2026-09-30', 4).date).toBe('2026-10-12');
  });

  it('a 20-working-day statutory limit from Wed 01-28 ends Tue 03-03, not Wed 02-25 as weekends alone would give', () => {
    // 01-29, 01-30 (2); 02-02..06 (7); 02-09..13 (12); Sat 02-14 (13); 02-15..23 off;
    // 02-24..27 (17); Sat 02-28 (18); Sun 03-01 off; 03-02 (19); 03-03 (20)
    expect(add('2026-01-28', 20)).toEqual({ date: '2026-03-03', provisional: false });
    expect(new WorkingDayCalendar([]).addWorkingDays('2026-01-28', 20).date).toBe('2026-02-25');
    expect(calendar.workingDaysBetween('2026-01-28', '2026-03-03')).toBe(20);
  });
});

describe('years without a schedule', () => {
  it('falls back to weekends only for 2027 and marks the result provisional', () => {
    // Thu 2026-12-31 (1), Fri 2027-01-01 (2): a weekday, and 2027 is not loaded.
    expect(add('2026-12-30', 1)).toEqual({ date: '2026-12-31', provisional: false });
    expect(add('2026-12-30', 2)).toEqual({ date: '2027-01-01', provisional: true });
    expect(calendar.isProvisional('2027-01-01')).toBe(true);
    expect(calendar.isProvisional('2026-12-31')).toBe(false);
  });

  it('gives a firm answer once the 2027 schedule is loaded: Fri 01-01 off, the weekend, Mon 01-04', () => {
    const with2027 = calendar.withSchedule(fictitious2027);
    expect(with2027.addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-04', provisional: false });
    expect(with2027.isProvisional('2027-01-01')).toBe(false);
    expect(with2027.loadedYears()).toEqual([2025, 2026, 2027]);
    expect(calendar.loadedYears()).toEqual([2025, 2026]);
  });

  it('replaces a year it already has', () => {
    const no2026Holidays = calendar.withSchedule(scheduleFixture({ year: 2026 }));
    expect(no2026Holidays.isWorkingDay('2026-01-02')).toBe(true);
    expect(no2026Holidays.isWorkingDay('2026-01-04')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
  });
});

describe('edges', () => {
  it('returns the start day itself for n = 0, even on a holiday', () => {
    expect(add('2025-10-03', 0)).toEqual({ date: '2025-10-03', provisional: false });
  });

  it('never counts the start day, even when it is a working day', () => {
    expect(add('2025-03-03', 1).date).toBe('2025-03-04');
  });

  it('counts working days in (from, to]: zero for the same day, negative when reversed', () => {
    expect(calendar.workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    expect(calendar.workingDaysBetween('2025-03-03', '2025-03-04')).toBe(1);
    expect(calendar.workingDaysBetween('2026-03-03', '2026-01-28')).toBe(-20);
  });

  it('refuses malformed and impossible dates', () => {
    for (const date of ['2025-1-5', '2025-02-29', '2025-13-01', '20250105', '']) {
      expect(() => calendar.isWorkingDay(date)).toThrow(expect.objectContaining({ code: 'CALENDAR_INVALID_DATE' }));
    }
  });

  it('refuses negative and fractional counts', () => {
    expect(() => add('2025-03-03', -1)).toThrow(expect.objectContaining({ code: 'CALENDAR_INVALID_COUNT' }));
    expect(() => add('2025-03-03', 1.5)).toThrow(expect.objectContaining({ code: 'CALENDAR_INVALID_COUNT' }));
  });

  it('gives the same answers whatever the host time zone', () => {
    const saved = process.env['TZ'];
    try {
      for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Shanghai']) {
        process.env['TZ'] = tz;
        expect(add('2026-01-28', 20).date).toBe('2026-03-03');
        expect(calendar.isWorkingDay('2025-01-26')).toBe(true);
      }
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });
});

describe('workingDaysBetween agrees with addWorkingDays', () => {
  it('between(d, add(d, n)) === n for every start day of 2025-2026 and several n', () => {
    const failures: string[] = [];
    for (let day = Date.UTC(2025, 0, 1); day <= Date.UTC(2026, 11, 31); day += 86_400_000) {
      const from = new Date(day).toISOString().slice(0, 10);
      for (const n of [0, 1, 2, 5, 10, 20, 45]) {
        const { date } = add(from, n);
        if (calendar.workingDaysBetween(from, date) !== n) failures.push(`${from} + ${n}`);
        if (n > 0 && !calendar.isWorkingDay(date)) failures.push(`${from} + ${n} landed on a day off`);
      }
    }
    expect(failures).toEqual([]);
  });
});
