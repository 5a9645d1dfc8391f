import { loadBundledSchedules, type YearSchedule } from '../src/index.js';

export const bundled = loadBundledSchedules();

export function scheduleFixture(overrides: Partial<YearSchedule> = {}): YearSchedule {
  return { year: 2025, holidays: {}, makeUpWorkdays: [], ...overrides };
}

/**
 * A made-up 2027 schedule (the real notice is not out): only New Year's Day,
 * Friday 2027-01-01, as a holiday.
 */
export const fictitious2027: YearSchedule = {
  year: 2027,
  source: 'test fixture, not an official notice',
  holidays: { 元旦: ['2027-01-01'] },
  makeUpWorkdays: [],
};
