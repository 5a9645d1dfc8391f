import { isDivisionCode } from '@onewindow/auth/jurisdiction';
import { type Role } from '@onewindow/auth/principal';
import { invalid, type ErrorDetail } from '@onewindow/kernel/errors';
import { isStaffRole, requiresHall, requiresOrgUnit, type StaffRole } from './roles.js';

/**
 * A sign-in account of the embedded issuer: who signs in and the claims
 * their tokens carry. What identity knows beyond that lives in the
 * applicant registry and the staff directory (see applicant.ts, staff.ts);
 * with Keycloak the realm holds the accounts instead.
 */
interface UserBase {
  /** Stable id, the token's `sub`; cases record it as their applicant or assignee. */
  readonly id: string;
  /** Lower case, unique: what people type to sign in. */
  readonly username: string;
  readonly displayName: string;
  readonly enabled: boolean;
}

export interface ApplicantUser extends UserBase {
  readonly kind: 'applicant';
}

export interface StaffUser extends UserBase {
  readonly kind: 'staff';
  readonly roles: readonly StaffRole[];
  /** Division code of the org unit. */
  readonly orgUnit?: string;
  readonly agency?: string;
  readonly hall?: string;
}

/** A person as the issuer knows them, without credentials. */
export type User = ApplicantUser | StaffUser;

/** A stored account: the person plus an encoded password hash (never the password). */
export type UserAccount = User & { readonly passwordHash: string };

export const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

export function rolesOf(user: User): readonly Role[] {
  return user.kind === 'applicant' ? ['applicant'] : user.roles;
}

/** Sign-in names are case-insensitive, as in Keycloak. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Throws `invalid('USER_INVALID')` listing every problem at once. */
export function assertValidUser(user: User): void {
  const problems: ErrorDetail[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  if (!USERNAME.test(user.username)) problem('username', 'lower-case letters, digits and . _ @ -, 2 to 64 characters');
  if (user.displayName.trim() === '') problem('displayName', 'required');

  if (user.kind === 'staff') {
    if (user.roles.length === 0) problem('roles', 'a staff member holds at least one role');
    for (const role of user.roles) if (!isStaffRole(role)) problem('roles', `${String(role)} is not a staff role`);
    const staffRoles = user.roles.filter(isStaffRole);
    if (staffRoles.some(requiresOrgUnit) && !isDivisionCode(user.orgUnit)) {
      problem('orgUnit', 'a division code is required for these roles');
    }
    if (staffRoles.some(requiresHall) && !user.hall) problem('hall', 'required for clerks and hall administrators');
  }

  if (problems.length > 0) throw invalid('USER_INVALID', `user ${user.username} is not valid`, problems);
}
