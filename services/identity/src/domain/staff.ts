import { invalid, type ErrorDetail } from '@onewindow/kernel/errors';
import type { Agency, Hall, OrgUnit, ServiceWindow } from './org.js';
import { windowServes } from './org.js';
import { conflictsWithSupervision, isStaffRole, requiresAgency, requiresHall, requiresOrgUnit, type StaffRole } from './roles.js';
import { USERNAME, type StaffUser } from './user.js';

/**
 * A staff member in the directory: roles, the agency they belong to at an
 * org unit, the hall and windows they work at. The id is their subject at
 * the identity provider (the token's `sub`).
 */
export interface StaffMember {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly StaffRole[];
  readonly orgUnit?: string;
  /** The agency's name, as tokens carry it. */
  readonly agency?: string;
  readonly hall?: string;
  readonly windows: readonly string[];
  readonly enabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the staff member's placement refers to, as found in the directory (undefined: not found). */
export interface Placement {
  readonly orgUnit?: OrgUnit;
  readonly agency?: Agency;
  readonly hall?: Hall;
  readonly windows: readonly ServiceWindow[];
}

/** Throws `invalid('STAFF_INVALID')` listing every problem at once. */
export function assertValidStaff(staff: StaffMember, placement: Placement): void {
  const problems: ErrorDetail[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  if (!USERNAME.test(staff.username)) problem('username', 'lower-case letters, digits and . _ @ -, 2 to 64 characters');
  if (staff.displayName.trim() === '' || staff.displayName.length > 64) problem('displayName', 'required, at most 64 characters');
  if (staff.roles.length === 0) problem('roles', 'a staff member holds at least one role');
  for (const role of staff.roles) if (!isStaffRole(role)) problem('roles', `${String(role)} is not a staff role`);
  if (new Set(staff.roles).size !== staff.roles.length) problem('roles', 'a role is listed twice');
  const roles = staff.roles.filter(isStaffRole);

  if (roles.some(requiresOrgUnit) && !staff.orgUnit) problem('orgUnit', 'required for these roles');
  if (staff.orgUnit && !placement.orgUnit) problem('orgUnit', `org unit ${staff.orgUnit} does not exist`);

  if (roles.some(requiresAgency) && !staff.agency) problem('agency', 'approvers, section chiefs and agency heads belong to an agency');
  if (staff.agency && !placement.agency) problem('agency', `${staff.agency} has no seat at org unit ${staff.orgUnit ?? '(none)'}`);

  if (roles.includes('supervisor')) {
    if (staff.agency) problem('agency', 'a supervisor (电子监察) is independent of the agencies it watches');
    const conflicting = roles.filter(conflictsWithSupervision);
    if (conflicting.length > 0) problem('roles', `a supervisor cannot also be ${conflicting.join(', ')}`);
  }

  if (roles.some(requiresHall) && !staff.hall) problem('hall', 'required for clerks and hall administrators');
  if (staff.hall) {
    if (!placement.hall) problem('hall', `hall ${staff.hall} does not exist`);
    else if (placement.hall.orgUnit !== staff.orgUnit) problem('hall', `hall ${staff.hall} is not at org unit ${staff.orgUnit ?? '(none)'}`);
  }

  if (staff.windows.length > 0 && !staff.hall) problem('windows', 'windows belong to a hall: set the hall first');
  for (const id of staff.hall ? staff.windows : []) {
    const window = placement.windows.find((w) => w.id === id);
    if (!window) problem('windows', `window ${id} does not exist`);
    else if (window.hallId !== staff.hall) problem('windows', `window ${id} is not in hall ${staff.hall ?? '(none)'}`);
    else if (staff.agency && !windowServes(window, staff.agency)) problem('windows', `window ${id} does not serve ${staff.agency}`);
  }
  if (new Set(staff.windows).size !== staff.windows.length) problem('windows', 'a window is listed twice');

  if (problems.length > 0) throw invalid('STAFF_INVALID', `staff member ${staff.username} is not valid`, problems);
}

/** The sign-in account (and token claims) a staff member gets at the identity provider. */
export function accountOf(staff: StaffMember): StaffUser {
  return {
    id: staff.id,
    kind: 'staff',
    username: staff.username,
    displayName: staff.displayName,
    enabled: staff.enabled,
    roles: staff.roles,
    ...(staff.orgUnit ? { orgUnit: staff.orgUnit } : {}),
    ...(staff.agency ? { agency: staff.agency } : {}),
    ...(staff.hall ? { hall: staff.hall } : {}),
  };
}
