import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IDENTIFIER_MESSAGES } from './result.js';
import { residentIdCheckChar, validateResidentId, type ResidentIdReason } from './resident-id.js';

interface Vectors {
  residentId: { valid: string[]; invalid: string[] };
}
const vectors = JSON.parse(
  readFileSync(new URL('../test/fixtures/check-digits.json', import.meta.url), 'utf8'),
) as Vectors;

const TODAY = '2026-01-15';

/** Why each invalid vector is invalid: the first rule it breaks, shape before arithmetic. */
const EXPECTED: Readonly<Record<string, ResidentIdReason>> = {
  '371300200102102644': 'CHECK_DIGIT',
  '452400200603156859': 'CHECK_DIGIT',
  '110105200505150644': 'CHECK_DIGIT',
  '454400200605058240': 'CHECK_DIGIT',
  '440305195207284481': 'CHECK_DIGIT',
  '510604199409022331': 'CHECK_DIGIT',
  '510116240608263072': 'BIRTH_DATE', // born 2406-08-26: in the future
  '37130019851004468X': 'CHECK_DIGIT',
  '371300201203284831': 'CHECK_DIGIT',
  '510116197505101410': 'CHECK_DIGIT',
  '37130017850204962X': 'BIRTH_DATE', // born 1785
  '130181198322097098': 'BIRTH_DATE', // month 22
  '371300200102102440': 'CHECK_DIGIT',
  '450400200603156850': 'CHECK_DIGIT',
  '110105200505130640': 'CHECK_DIGIT',
  '11010519491231002Y': 'FORMAT',
  '1101051949123100': 'LENGTH',
  '110105194912310021X': 'LENGTH',
  '11010519491331002X': 'BIRTH_DATE', // month 13
};

/** A valid ID with the given birth date, built with the check-digit routine under test elsewhere. */
function idBornOn(yyyymmdd: string): string {
  const first17 = `510116${yyyymmdd}141`;
  return first17 + residentIdCheckChar(first17);
}

describe('validateResidentId against the shared vectors', () => {
  it('has an expected reason for every invalid vector, and no stale ones', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...vectors.residentId.invalid].sort());
  });

  it.each(vectors.residentId.valid)('accepts %s', (id) => {
    expect(validateResidentId(id, TODAY)).toEqual({ valid: true, reason: 'OK', message: '有效', value: id });
    expect(validateResidentId(id).valid).toBe(true);
  });

  it.each(vectors.residentId.invalid)('refuses %s', (id) => {
    const reason = EXPECTED[id]!;
    expect(validateResidentId(id, TODAY)).toEqual({
      valid: false,
      reason,
      message: IDENTIFIER_MESSAGES[reason].zh,
    });
  });
});

describe('validateResidentId rules', () => {
  it('skips the future check without today, so a far-future birth date fails only on arithmetic', () => {
    expect(validateResidentId('510116240608263072').reason).toBe('CHECK_DIGIT');
    const future = idBornOn('24060826');
    expect(validateResidentId(future).valid).toBe(true);
    expect(validateResidentId(future, TODAY).reason).toBe('BIRTH_DATE');
  });

  it('accepts a birth date of today and refuses tomorrow', () => {
    expect(validateResidentId(idBornOn('20260115'), TODAY).valid).toBe(true);
    expect(validateResidentId(idBornOn('20260116'), TODAY).reason).toBe('BIRTH_DATE');
  });

  it('refuses birth dates before 1900 and accepts 1900-01-01', () => {
    expect(validateResidentId(idBornOn('18991231')).reason).toBe('BIRTH_DATE');
    expect(validateResidentId(idBornOn('19000101')).valid).toBe(true);
  });

  it('knows leap years', () => {
    expect(validateResidentId(idBornOn('20000229')).valid).toBe(true);
    expect(validateResidentId(idBornOn('19000229')).reason).toBe('BIRTH_DATE');
    expect(validateResidentId(idBornOn('20230229')).reason).toBe('BIRTH_DATE');
    expect(validateResidentId(idBornOn('20230431')).reason).toBe('BIRTH_DATE');
    expect(validateResidentId(idBornOn('20230100')).reason).toBe('BIRTH_DATE');
  });

  it('accepts a lower-case x and returns the canonical upper-case value', () => {
    const result = validateResidentId('11010519491231002x');
    expect(result).toEqual({ valid: true, reason: 'OK', message: '有效', value: '11010519491231002X' });
  });

  it('refuses an X anywhere but the check position', () => {
    expect(validateResidentId('X10105194912310021').reason).toBe('FORMAT');
  });

  it('refuses values that are not strings', () => {
    expect(validateResidentId(110105194912310020).reason).toBe('FORMAT');
    expect(validateResidentId(undefined).reason).toBe('FORMAT');
  });

  it('detects every single-character substitution in a valid ID', () => {
    const id = '44030519660602577X';
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of '0123456789X') {
        if (ch === id[pos] || (pos < 17 && ch === 'X')) continue;
        const mutated = id.slice(0, pos) + ch + id.slice(pos + 1);
        expect(validateResidentId(mutated).valid, mutated).toBe(false);
      }
    }
  });

  it('throws on a malformed today, which is a caller bug', () => {
    expect(() => validateResidentId('11010519491231002X', '2026-13-01')).toThrow(RangeError);
    expect(() => validateResidentId('11010519491231002X', '20260101')).toThrow(RangeError);
  });
});

describe('residentIdCheckChar', () => {
  it('computes 10 as X', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('37130020010210244')).toBe('4');
  });

  it('refuses input that is not 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
  });
});
