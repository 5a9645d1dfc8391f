import { describe, expect, it } from 'vitest';
import { isValidMod37_36, mod37_36CheckChar } from './iso7064.js';

/*
 * Vectors:
 * - "A12425GABC1234002" → "M": the worked example of ISO/IEC 7064 for MOD 37,36
 *   (also in python-stdnum's stdnum.iso7064.mod_37_36 documentation).
 * - By hand, "A": p0 = 36; s = (36 + 10) mod 36 = 10; p = 20 mod 37 = 20;
 *   c = 1 - 20 = -19 ≡ 17 (mod 36) → "H".  Check: (20 + 17) mod 36 = 1.
 * - By hand, "0": s = (36 + 0) mod 36 = 0 → read as 36; p = 72 mod 37 = 35;
 *   c = 1 - 35 = -34 ≡ 2 → "2".
 * - By hand, "Z": s = (36 + 35) mod 36 = 35; p = 70 mod 37 = 33; c = 1 - 33 ≡ 4 → "4".
 * - By hand, "AB": after "A" p = 20; s = (20 + 11) mod 36 = 31; p = 62 mod 37 = 25;
 *   c = 1 - 25 ≡ 12 → "C".
 */
describe('ISO 7064 MOD 37,36', () => {
  it.each([
    ['A12425GABC1234002', 'M'],
    ['A', 'H'],
    ['0', '2'],
    ['Z', '4'],
    ['AB', 'C'],
  ])('computes the check character of %s as %s', (input, check) => {
    expect(mod37_36CheckChar(input)).toBe(check);
  });

  it('accepts a string ending in its check character', () => {
    expect(isValidMod37_36('A12425GABC1234002M')).toBe(true);
  });

  it('detects a single substituted character and an adjacent transposition', () => {
    expect(isValidMod37_36('A12425GABC1234003M')).toBe(false);
    expect(isValidMod37_36('A12425GACB1234002M')).toBe(false);
  });

  it('refuses characters outside the alphabet', () => {
    expect(isValidMod37_36('a12425GABC1234002M')).toBe(false);
    expect(() => mod37_36CheckChar('A-1')).toThrow(RangeError);
  });
});
