import { invalid } from '@onewindow/kernel/errors';

/**
 * Org units are GB/T 2260 division codes: `51` province, `5101` city,
 * `510107` county (district). A county's city is its code with the last two
 * digits zeroed; a city's province, with the last four zeroed. This is how
 * a county-first-then-city workflow (市县联动) finds the upper level that
 * decides.
 */
const DIVISION = /^\d{6}$/;

export type DivisionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export function assertDivision(code: string): void {
  if (!DIVISION.test(code) || code.startsWith('00')) {
    throw invalid('ORG_UNIT_INVALID', `not a division code: "${code.slice(0, 16)}"`, [
      { field: 'orgUnit', message: 'six digits, GB/T 2260' },
    ]);
  }
}

export function levelOf(code: string): DivisionLevel {
  assertDivision(code);
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

/** The city a county belongs to; a city or a province is its own. */
export function cityOf(code: string): string {
  return levelOf(code) === 'COUNTY' ? `${code.slice(0, 4)}00` : code;
}

export function provinceOf(code: string): string {
  assertDivision(code);
  return `${code.slice(0, 2)}0000`;
}

/** Where a workflow step runs: at the case's own org unit, or at the city or province above it. */
export type StepLevel = 'CASE' | 'CITY' | 'PROVINCE';
export const STEP_LEVELS: readonly StepLevel[] = ['CASE', 'CITY', 'PROVINCE'];

export function orgUnitAt(caseOrgUnit: string, level: StepLevel): string {
  switch (level) {
    case 'CASE':
      assertDivision(caseOrgUnit);
      return caseOrgUnit;
    case 'CITY':
      return cityOf(caseOrgUnit);
    case 'PROVINCE':
      return provinceOf(caseOrgUnit);
  }
}
