import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IDENTIFIER_MESSAGES } from './result.js';
import { USCC_ENTITY_TYPES, usccCheckChar, validateUscc, type UsccReason } from './uscc.js';

interface Vectors {
  uscc: { valid: string[]; invalid: string[] };
}
const vectors = JSON.parse(
  readFileSync(new URL('../test/fixtures/check-digits.json', import.meta.url), 'utf8'),
) as Vectors;

/** Why each invalid vector is invalid: the first rule it breaks, shape before arithmetic. */
const EXPECTED: Readonly<Record<string, UsccReason>> = {
  '9345040FN80F7A7E07': 'DIVISION_CODE',
  '13371300D7TTCJJKML': 'CHECK_DIGIT',
  '9337130004XKTXM00M': 'CHECK_DIGIT',
  '911X0105YD316QU90Y': 'DIVISION_CODE',
  '92510704FX60QYMGE0': 'CHECK_DIGIT',
  '9P110105QECCH1RBQT': 'ENTITY_TYPE',
  '32510704Y51FU7FHHY': 'CHECK_DIGIT', // 3-2 (notary office) is a legal pair
  '121401810XFAW631PB': 'CHECK_DIGIT',
  '1331011C9MYAMRARYN': 'DIVISION_CODE',
  '97370602MNAKCAKG8J': 'ENTITY_TYPE', // market regulation registers types 1-3 only
  '915101B630ADN7N7UT': 'DIVISION_CODE',
  '131301812J4GXDT9H3': 'CHECK_DIGIT',
  '91350100M000100Y4I': 'FORMAT',
  '91350100M000100Y4O': 'FORMAT',
  '91350100M000100Y4': 'LENGTH',
  '91350100M000100Y433': 'LENGTH',
};

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function withCheck(first17: string): string {
  return first17 + usccCheckChar(first17);
}

describe('validateUscc against the shared vectors', () => {
  it('has an expected reason for every invalid vector, and no stale ones', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...vectors.uscc.invalid].sort());
  });

  it.each(vectors.uscc.valid)('accepts %s', (code) => {
    expect(validateUscc(code)).toEqual({ valid: true, reason: 'OK', message: '有效', value: code });
  });

  it.each(vectors.uscc.invalid)('refuses %s', (code) => {
    const reason = EXPECTED[code]!;
    expect(validateUscc(code)).toEqual({ valid: false, reason, message: IDENTIFIER_MESSAGES[reason].zh });
  });
});

describe('validateUscc rules', () => {
  it('accepts lower case and returns the canonical upper-case value', () => {
    expect(validateUscc('91350100m000100y43')).toMatchObject({ valid: true, value: '91350100M000100Y43' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V', '-', ' '])('refuses the character %j', (ch) => {
    expect(validateUscc(`91350100M000100${ch}43`).reason).toBe('FORMAT');
  });

  it('accepts every registration authority with each of its entity types', () => {
    for (const [authority, types] of Object.entries(USCC_ENTITY_TYPES)) {
      for (const type of types) {
        const code = withCheck(`${authority}${type}510100MA6CAB12X`);
        expect(validateUscc(code).valid, code).toBe(true);
      }
    }
  });

  it('refuses an unknown registration authority', () => {
    expect(validateUscc(withCheck('B1510100MA6CAB12X')).reason).toBe('REGISTRATION_AUTHORITY');
    expect(validateUscc(withCheck('01510100MA6CAB12X')).reason).toBe('REGISTRATION_AUTHORITY');
  });

  it('refuses an entity type its authority does not register', () => {
    expect(validateUscc(withCheck('Y2510100MA6CAB12X')).reason).toBe('ENTITY_TYPE');
    expect(validateUscc(withCheck('94510100MA6CAB12X')).reason).toBe('ENTITY_TYPE');
  });

  it('refuses a letter in the division code even when the check character fits', () => {
    expect(validateUscc(withCheck('915101A0MA6CAB12X')).reason).toBe('DIVISION_CODE');
  });

  it('computes a check value of 31 as 0', () => {
    const valid = vectors.uscc.valid.find((c) => c.endsWith('0'));
    expect(valid).toBeDefined();
    expect(usccCheckChar(valid!.slice(0, 17))).toBe('0');
  });

  it('detects every single-character substitution in a valid code', () => {
    const code = '9151011630ADN7N7UT';
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of ALPHABET) {
        if (ch === code[pos]) continue;
        const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
        expect(validateUscc(mutated).valid, mutated).toBe(false);
      }
    }
  });

  it('refuses values that are not strings', () => {
    expect(validateUscc(null).reason).toBe('FORMAT');
  });
});
