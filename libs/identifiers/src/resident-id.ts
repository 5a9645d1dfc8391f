import { fail, ok, type IdentifierValidation } from './result.js';

/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date
 * (YYYYMMDD), 3-digit sequence (odd for men), 1 check character computed
 * with ISO 7064 MOD 11-2.
 *
 * The standard writes the check character 10 as upper-case `X`. People
 * typing on phones often enter `x`, so a lower-case `x` is accepted and the
 * canonical `value` of a valid result carries `X`.
 *
 * The address code is not checked against GB/T 2260: foreigners' permanent
 * residence cards (2023) use the same layout and checksum with a leading 9.
 */
export type ResidentIdReason = 'LENGTH' | 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const SHAPE = /^\d{17}[\dX]$/;
const EARLIEST_BIRTH = '19000101';

/** The check character for the first 17 digits of a resident ID. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/**
 * Validates a resident ID. With `today` (YYYY-MM-DD, from the caller's
 * clock) a birth date after today is refused; without it that check is
 * skipped. Checks run from shape to arithmetic, so the reason names the
 * first thing wrong.
 */
export function validateResidentId(value: unknown, today?: string): IdentifierValidation<ResidentIdReason> {
  const todayCompact = today === undefined ? undefined : compactDate(today);
  if (typeof value !== 'string') return fail('FORMAT');
  if (value.length !== 18) return fail('LENGTH');
  const canonical = value.slice(0, 17) + value.slice(17).toUpperCase();
  if (!SHAPE.test(canonical)) return fail('FORMAT');

  const birth = canonical.slice(6, 14);
  if (!isCalendarDate(birth) || birth < EARLIEST_BIRTH) return fail('BIRTH_DATE');
  if (todayCompact !== undefined && birth > todayCompact) return fail('BIRTH_DATE');

  if (residentIdCheckChar(canonical.slice(0, 17)) !== canonical[17]) return fail('CHECK_DIGIT');
  return ok(canonical);
}

/** YYYY-MM-DD → YYYYMMDD; a malformed `today` is a programming error. */
function compactDate(iso: string): string {
  const compact = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replaceAll('-', '') : '';
  if (!isCalendarDate(compact)) throw new RangeError(`today must be a YYYY-MM-DD date, got "${iso}"`);
  return compact;
}

function isCalendarDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
