/**
 * Where things are: administrative division codes (行政区划代码) and the
 * subtree of the org tree a staff member's jurisdiction covers.
 *
 * Codes follow GB/T 2260 for the first three levels and the statistical
 * division codes (统计用区划代码) below them:
 *
 * | level    | digits | shape                 | significant prefix |
 * | -------- | ------ | --------------------- | ------------------ |
 * | PROVINCE | 6      | `PP0000`              | 2                  |
 * | CITY     | 6      | `PPCC00`, CC ≠ 00     | 4                  |
 * | COUNTY   | 6      | `PPCCDD`, DD ≠ 00     | 6                  |
 * | TOWNSHIP | 9      | county + `TTT` ≠ 000  | 9                  |
 * | VILLAGE  | 12     | township + `VVV` ≠ 000| 12                 |
 *
 * A unit's subtree is every code that starts with its significant prefix:
 * 510100 (成都市) covers 510107 (武侯区) and 510107001, not 510200.
 */
export const DIVISION_LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

const SIX = /^(?!00)\d{6}$/;
const NINE = /^(?!00)\d{6}(?!000)\d{3}$/;
const TWELVE = /^(?!00)\d{6}(?!000)\d{3}(?!000)\d{3}$/;

/** The level a code's shape says, or undefined when it is not a division code. */
export function divisionLevel(code: string | undefined): DivisionLevel | undefined {
  if (code === undefined) return undefined;
  if (TWELVE.test(code)) return 'VILLAGE';
  if (NINE.test(code)) return 'TOWNSHIP';
  if (!SIX.test(code)) return undefined;
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

export function isDivisionCode(code: string | undefined): code is string {
  return divisionLevel(code) !== undefined;
}

const PREFIX_LENGTH: Readonly<Record<DivisionLevel, number>> = { PROVINCE: 2, CITY: 4, COUNTY: 6, TOWNSHIP: 9, VILLAGE: 12 };

/** The digits every code in the unit's subtree starts with, or undefined for a malformed code. */
export function divisionPrefix(code: string | undefined): string | undefined {
  const level = divisionLevel(code);
  return level && code ? code.slice(0, PREFIX_LENGTH[level]) : undefined;
}

/** The code of the level above, by shape: 510107001 → 510107 → 510100 → 510000 → undefined. */
export function parentDivisionCode(code: string): string | undefined {
  switch (divisionLevel(code)) {
    case 'VILLAGE':
      return code.slice(0, 9);
    case 'TOWNSHIP':
      return code.slice(0, 6);
    case 'COUNTY':
      return `${code.slice(0, 4)}00`;
    case 'CITY':
      return `${code.slice(0, 2)}0000`;
    default:
      return undefined;
  }
}

/** True when `code` is `root` or lies below it. Malformed codes are in nobody's subtree. */
export function isWithinDivision(root: string | undefined, code: string | undefined): boolean {
  const prefix = divisionPrefix(root);
  return prefix !== undefined && isDivisionCode(code) && code.startsWith(prefix);
}

/**
 * Hall ids carry the division code of the org unit the hall belongs to
 * (`hall-510100-01`); identity refuses a hall whose id does not. The policy
 * reads a case's location from its hall this way when the caller passes no
 * org unit.
 */
const HALL_ID = /^hall-(\d{6}|\d{9}|\d{12})-[a-z0-9][a-z0-9-]{0,31}$/;

export function hallDivision(hallId: string | undefined): string | undefined {
  const code = HALL_ID.exec(hallId ?? '')?.[1];
  return isDivisionCode(code) ? code : undefined;
}

export function isHallId(hallId: string): boolean {
  return hallDivision(hallId) !== undefined;
}
