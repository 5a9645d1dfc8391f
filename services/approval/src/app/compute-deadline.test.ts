import { describe, expect, it } from 'vitest';
import { calendar } from '../testing/fixtures.js';
import { ComputeDeadline } from './compute-deadline.js';

const deadline = (from: string, workingDays: number) => new ComputeDeadline(calendar).execute({ from, workingDays });

describe('the public deadline calculator', () => {
  it.each([
    // 2025 Spring Festival: 01-28..02-04 off; Sun 01-26 and Sat 02-08 worked.
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-24', 3, '2025-02-05'],
    ['2025-01-27', 4, '2025-02-08'],
    // 2025 National Day + Mid-Autumn: 10-01..08 off; Sun 09-28 and Sat 10-11 worked.
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-26', 6, '2025-10-11'],
    ['2025-09-26', 7, '2025-10-13'],
    // 2026 Spring Festival: 02-15..23 off; Sat 02-14 and Sat 02-28 worked.
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-13', 6, '2026-02-28'],
    // 2026 National Day: 10-01..07 off; Sat 10-10 worked.
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    // The start day itself never counts; zero days is the start day.
    ['2026-03-02', 1, '2026-03-03'],
    ['2026-10-03', 0, '2026-10-03'],
  ])('%s + %i working days → %s', (from, n, expected) => {
    expect(deadline(from, n)).toEqual({ deadline: expected, provisional: false });
  });

  it('marks a deadline counted into a year without a published schedule as provisional', () => {
    expect(deadline('2026-12-30', 2)).toEqual({ deadline: '2027-01-01', provisional: true });
  });

  it('refuses what is not a date or a whole number of days, naming both', () => {
    expect(() => deadline('2025-02-30', -1)).toThrow(
      expect.objectContaining({ code: 'DEADLINE_QUERY_INVALID', kind: 'invalid', details: [expect.objectContaining({ field: 'from' }), expect.objectContaining({ field: 'workingDays' })] }),
    );
    expect(() => deadline('26-1-1', 1.5)).toThrow(expect.objectContaining({ code: 'DEADLINE_QUERY_INVALID' }));
    expect(() => deadline('2026-01-01', 367)).toThrow(expect.objectContaining({ code: 'DEADLINE_QUERY_INVALID' }));
  });
});
