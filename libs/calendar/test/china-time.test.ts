import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime } from '../src/index.js';

describe('China Standard Time (UTC+8, no daylight saving)', () => {
  it('tells the date and the time in Beijing, across midnight', () => {
    expect(chinaDateTime('2026-03-02T16:30:00.000Z')).toBe('2026-03-03 00:30');
    expect(chinaDate('2026-03-02T16:30:00.000Z')).toBe('2026-03-03');
    expect(chinaDate(new Date('2026-03-02T15:59:59.999Z'))).toBe('2026-03-02');
  });

  it('refuses what is not an instant', () => {
    expect(() => chinaDate('yesterday')).toThrow(RangeError);
  });
});
