import type { Role } from '@onewindow/auth';

/** Roles a person signs in with at a hall or in the back office. */
export const STAFF_ROLES = [
  'clerk',
  'approver',
  'section_chief',
  'agency_head',
  'supervisor',
  'hall_admin',
  'platform_admin',
] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles only a client's service account holds (client credentials), never a person. */
export const SERVICE_ACCOUNT_ROLES = ['service', 'partner'] as const satisfies readonly Role[];
export type ServiceAccountRole = (typeof SERVICE_ACCOUNT_ROLES)[number];

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export function isServiceAccountRole(role: string): role is ServiceAccountRole {
  return (SERVICE_ACCOUNT_ROLES as readonly string[]).includes(role);
}

/** Every staff member sits in an org unit, except platform administrators who serve the whole platform. */
export function requiresOrgUnit(role: StaffRole): boolean {
  return role !== 'platform_admin';
}

/** Window clerks and hall administrators work at one hall: the policy scopes them by it. */
export function requiresHall(role: StaffRole): boolean {
  return role === 'clerk' || role === 'hall_admin';
}
