/**
 * The issuing authority named on every licence, and the check of its
 * unified social credit code (统一社会信用代码, GB 32100-2015): 17 characters
 * from 0-9 and A-Z without I, O, S, V, Z, weighted 3^i mod 31, and a check
 * character making the weighted sum ≡ 0 (mod 31).
 *
 * @onewindow/identifiers has the full validator (registration authority and
 * entity type tables too) but is not a dependency of this package; this is
 * only the check the configuration needs.
 */
export interface Issuer {
  readonly name: string;
  readonly uscc: string;
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function isValidUscc(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(value[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31] === value[17];
}

/** A demo issuer for embedded mode: 机构编制 (1) / 机关 (1), Chengdu (510100); the check character is computed. */
export const DEMO_ISSUER: Issuer = { name: '成都市行政审批局', uscc: '11510100MB0000000U' };
