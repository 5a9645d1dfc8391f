import { divisionLevel, hallDivision, isWithinDivision, parentDivisionCode, type DivisionLevel } from '@onewindow/auth/jurisdiction';
import { invalid, type ErrorDetail } from '@onewindow/kernel/errors';

/**
 * The organisation tree: province → city → county → township (→ village),
 * each unit named by its division code (GB/T 2260 for six digits; 9 and 12
 * digits below the county, see @onewindow/auth jurisdiction.ts); agencies
 * (进驻单位) at a unit; halls and sub-centres (分中心) at a unit; windows in
 * a hall, serving a set of agencies or all of them (综合窗口).
 */
export interface OrgUnit {
  /** The division code: also the id. */
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
  /** Absent only for a province. */
  readonly parentCode?: string;
}

export interface Agency {
  readonly id: string;
  /** As it appears in tokens (`agency` claim) and on cases: unique within its org unit. */
  readonly name: string;
  readonly orgUnit: string;
}

export const HALL_KINDS = ['HALL', 'SUB_CENTER'] as const;
export type HallKind = (typeof HALL_KINDS)[number];

export interface Hall {
  /** `hall-<division code>-<suffix>`: the policy reads a case's location from it. */
  readonly id: string;
  readonly name: string;
  readonly orgUnit: string;
  readonly kind: HallKind;
  /** A sub-centre's hall. */
  readonly parentHallId?: string;
  readonly address?: string;
}

export const WINDOW_KINDS = ['COMPREHENSIVE', 'AGENCY'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export interface ServiceWindow {
  /** `<hall id>-w<suffix>`. */
  readonly id: string;
  readonly hallId: string;
  readonly name: string;
  /** COMPREHENSIVE (综合窗口) serves every agency of the hall; AGENCY serves the agencies listed. */
  readonly kind: WindowKind;
  /** Agency names; empty for a comprehensive window. */
  readonly agencies: readonly string[];
  readonly enabled: boolean;
}

type Problems = ErrorDetail[];
const problem = (problems: Problems, field: string, message: string) => problems.push({ field, message });
const fail = (code: string, what: string, problems: Problems) => {
  if (problems.length > 0) throw invalid(code, `${what} is not valid`, problems);
};

const NAME_MAX = 64;
function checkName(problems: Problems, name: string): void {
  if (name.trim() === '') problem(problems, 'name', 'required');
  else if (name.length > NAME_MAX) problem(problems, 'name', `at most ${NAME_MAX} characters`);
}

/** `parent` is the stored unit the code's shape names as parent (undefined when not found). */
export function assertValidOrgUnit(unit: OrgUnit, parent: OrgUnit | undefined): void {
  const problems: Problems = [];
  checkName(problems, unit.name);
  const level = divisionLevel(unit.code);
  if (!level) {
    problem(problems, 'code', 'a division code: 6 digits (province, city, county), 9 (township) or 12 (village)');
  } else {
    if (level !== unit.level) problem(problems, 'level', `code ${unit.code} is a ${level} code`);
    const expectedParent = parentDivisionCode(unit.code);
    if (expectedParent === undefined) {
      if (unit.parentCode !== undefined) problem(problems, 'parentCode', 'a province has no parent');
    } else if (unit.parentCode !== expectedParent) {
      problem(problems, 'parentCode', `the parent of ${unit.code} is ${expectedParent}`);
    } else if (!parent) {
      problem(problems, 'parentCode', `org unit ${expectedParent} does not exist`);
    }
  }
  fail('ORG_UNIT_INVALID', `org unit ${unit.code}`, problems);
}

const AGENCY_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

export function assertValidAgency(agency: Agency, orgUnit: OrgUnit | undefined): void {
  const problems: Problems = [];
  if (!AGENCY_ID.test(agency.id)) problem(problems, 'id', 'lower-case letters, digits and -, 2 to 64 characters');
  checkName(problems, agency.name);
  if (!orgUnit) problem(problems, 'orgUnit', `org unit ${agency.orgUnit} does not exist`);
  fail('AGENCY_INVALID', `agency ${agency.id}`, problems);
}

export function assertValidHall(hall: Hall, orgUnit: OrgUnit | undefined, parentHall: Hall | undefined): void {
  const problems: Problems = [];
  checkName(problems, hall.name);
  if (!orgUnit) problem(problems, 'orgUnit', `org unit ${hall.orgUnit} does not exist`);
  if (hallDivision(hall.id) !== hall.orgUnit) problem(problems, 'id', `hall-${hall.orgUnit}-<suffix>: the id carries the hall's division code`);
  if (!(HALL_KINDS as readonly string[]).includes(hall.kind)) problem(problems, 'kind', 'HALL or SUB_CENTER');
  if (hall.kind === 'SUB_CENTER') {
    if (!hall.parentHallId) problem(problems, 'parentHallId', 'a sub-centre belongs to a hall');
    else if (!parentHall) problem(problems, 'parentHallId', `hall ${hall.parentHallId} does not exist`);
    else if (parentHall.kind !== 'HALL') problem(problems, 'parentHallId', 'a sub-centre belongs to a hall, not to another sub-centre');
    else if (!isWithinDivision(parentHall.orgUnit, hall.orgUnit)) {
      problem(problems, 'parentHallId', 'a sub-centre sits in its hall’s org unit or below it');
    }
  } else if (hall.parentHallId !== undefined) {
    problem(problems, 'parentHallId', 'only a sub-centre has a parent hall');
  }
  if (hall.address !== undefined && hall.address.length > 200) problem(problems, 'address', 'at most 200 characters');
  fail('HALL_INVALID', `hall ${hall.id}`, problems);
}

/**
 * `agenciesAvailable` are the agencies that may staff the hall: those of
 * its org unit and of the units above it (a provincial agency may have a
 * window in a city hall).
 */
export function assertValidWindow(window: ServiceWindow, hall: Hall | undefined, agenciesAvailable: readonly Agency[]): void {
  const problems: Problems = [];
  checkName(problems, window.name);
  if (!hall) problem(problems, 'hallId', `hall ${window.hallId} does not exist`);
  const prefix = `${window.hallId}-w`;
  if (!window.id.startsWith(prefix) || !/^[a-z0-9]{1,16}$/.test(window.id.slice(prefix.length))) {
    problem(problems, 'id', `${prefix}<1 to 16 letters or digits>`);
  }
  if (!(WINDOW_KINDS as readonly string[]).includes(window.kind)) problem(problems, 'kind', 'COMPREHENSIVE or AGENCY');
  if (window.kind === 'COMPREHENSIVE' && window.agencies.length > 0) {
    problem(problems, 'agencies', 'a comprehensive window serves every agency: list none');
  }
  if (window.kind === 'AGENCY') {
    if (window.agencies.length === 0) problem(problems, 'agencies', 'an agency window serves at least one agency');
    const names = new Set(agenciesAvailable.map((a) => a.name));
    for (const name of window.agencies) {
      if (!names.has(name)) problem(problems, 'agencies', `${name} has no seat in this hall's org unit or above it`);
    }
    if (new Set(window.agencies).size !== window.agencies.length) problem(problems, 'agencies', 'listed twice');
  }
  fail('WINDOW_INVALID', `window ${window.id}`, problems);
}

/** The org units a hall's agencies may come from: the hall's own and every one above it. */
export function unitAndAncestors(code: string): string[] {
  const codes: string[] = [];
  for (let c: string | undefined = code; c !== undefined; c = parentDivisionCode(c)) codes.push(c);
  return codes;
}

/** Does the window serve this agency? A comprehensive window serves them all. */
export function windowServes(window: ServiceWindow, agency: string): boolean {
  return window.kind === 'COMPREHENSIVE' || window.agencies.includes(agency);
}
