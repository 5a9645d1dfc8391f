/**
 * ISO/IEC 7064 MOD 37,36: the hybrid system for alphanumeric strings, with
 * one alphanumeric check character. It catches every single substitution
 * and every adjacent transposition.
 *
 * For each character value v (0-9 → 0-9, A-Z → 10-35), left to right:
 *   s = (p + v) mod 36, with 0 read as 36;  p = 2s mod 37     (p starts at 36)
 * The check character c is the one that makes (p + c) mod 36 = 1.
 */
export const MOD37_36_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

function valueOf(ch: string): number {
  const v = MOD37_36_ALPHABET.indexOf(ch);
  if (v < 0 || ch.length !== 1) throw new RangeError(`"${ch}" is not in the ISO 7064 MOD 37,36 alphabet`);
  return v;
}

/** The running product p after the given characters. */
function productAfter(chars: string): number {
  let p = M;
  for (const ch of chars) {
    const s = (p + valueOf(ch)) % M || M;
    p = (2 * s) % (M + 1);
  }
  return p;
}

/** The check character for an upper-case alphanumeric string. */
export function mod37_36CheckChar(chars: string): string {
  const p = productAfter(chars);
  return MOD37_36_ALPHABET[(((1 - p) % M) + M) % M]!;
}

/** True when the last character is the MOD 37,36 check character of the rest. */
export function isValidMod37_36(withCheck: string): boolean {
  if (withCheck.length < 2 || ![...withCheck].every((ch) => MOD37_36_ALPHABET.includes(ch))) return false;
  return mod37_36CheckChar(withCheck.slice(0, -1)) === withCheck.slice(-1);
}
