import { invalid, type ErrorDetail } from '@onewindow/kernel';
import { MAX_LIMIT_DAYS, type WorkingDays } from '../domain/deadline.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Dates the published schedules can speak for, give or take a provisional year either side. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/**
 * The public deadline calculator: the N-th working day after `from` (which
 * itself never counts), and whether a year without a published schedule
 * was counted on weekends only (provisional).
 */
export class ComputeDeadline {
  constructor(private readonly calendar: WorkingDays) {}

  execute(request: { from: string; workingDays: number }): { deadline: string; provisional: boolean } {
    const problems: ErrorDetail[] = [];
    const year = Number(request.from.slice(0, 4));
    const ms = ISO_DATE.test(request.from) ? Date.parse(`${request.from}T00:00:00Z`) : Number.NaN;
    const real = !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === request.from;
    if (!real || year < FIRST_YEAR || year > LAST_YEAR) problems.push({ field: 'from', message: `a date YYYY-MM-DD between ${FIRST_YEAR} and ${LAST_YEAR}` });
    if (!Number.isInteger(request.workingDays) || request.workingDays < 0 || request.workingDays > MAX_LIMIT_DAYS) {
      problems.push({ field: 'workingDays', message: `a whole number from 0 to ${MAX_LIMIT_DAYS}` });
    }
    if (problems.length > 0) throw invalid('DEADLINE_QUERY_INVALID', 'from must be a date and workingDays a whole number of days', problems);
    const { date, provisional } = this.calendar.addWorkingDays(request.from, request.workingDays);
    return { deadline: date, provisional };
  }
}
