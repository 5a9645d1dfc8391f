import { fail, ok, type IdentifierValidation } from './result.js';

/**
 * 统一社会信用代码 (GB 32100-2015): registration authority (1 char), entity
 * type (1), registering office's division code (6 digits, GB/T 2260),
 * entity identifier (9, GB 11714) and a check character (ISO 7064 style,
 * modulus 31). Characters come from 0-9 and A-Z without I, O, Z, S, V.
 *
 * Input is case-insensitive; the canonical `value` of a valid result is
 * upper-case.
 */
export type UsccReason =
  | 'LENGTH'
  | 'FORMAT'
  | 'REGISTRATION_AUTHORITY'
  | 'ENTITY_TYPE'
  | 'DIVISION_CODE'
  | 'CHECK_DIGIT';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration authority (position 1) → entity types it may register
 * (position 2), from GB 32100-2015 appendix A: 1 机构编制, 2 外交, 3 司法行政,
 * 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商 (market regulation),
 * A 中央军委改革和编制办公室, N 农业, Y 其他 (always type 1).
 */
export const USCC_ENTITY_TYPES: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

/** The check character for the first 17 characters of a USCC (already canonical). */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`character "${first17[i]}" is not in the GB 32100 alphabet`);
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Validates a unified social credit code; the reason names the first thing wrong. */
export function validateUscc(value: unknown): IdentifierValidation<UsccReason> {
  if (typeof value !== 'string') return fail('FORMAT');
  if (value.length !== 18) return fail('LENGTH');
  const canonical = value.toUpperCase();
  for (const ch of canonical) if (!ALPHABET.includes(ch)) return fail('FORMAT');

  const allowedTypes = USCC_ENTITY_TYPES[canonical[0]!];
  if (allowedTypes === undefined) return fail('REGISTRATION_AUTHORITY');
  if (!allowedTypes.includes(canonical[1]!)) return fail('ENTITY_TYPE');
  if (!/^\d{6}$/.test(canonical.slice(2, 8))) return fail('DIVISION_CODE');

  if (usccCheckChar(canonical.slice(0, 17)) !== canonical[17]) return fail('CHECK_DIGIT');
  return ok(canonical);
}
