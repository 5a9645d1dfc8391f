import { authorize, type Principal } from '@onewindow/auth';
import { conflict, invalid, notFound, type Clock } from '@onewindow/kernel';
import { assertValidStaff, normalizeUsername, type StaffMember, type StaffRole } from '../../domain/index.js';
import { recordChange } from '../audit/record.js';
import type { AuditRecorder, IdentityProviderAdmin, OrgDirectory, StaffAccount, StaffDirectory } from '../ports.js';
import { placementOf } from './placement.js';

export interface ManageStaffDeps {
  readonly staff: StaffDirectory;
  readonly org: OrgDirectory;
  readonly idp: IdentityProviderAdmin;
  readonly audit: AuditRecorder;
  readonly clock: Clock;
}

const MIN_PASSWORD = 12;

/** The policy is asked once per role granted (or taken away), at the placement: a hall administrator staffs clerks only. */
function authorizeRoles(principal: Principal, roles: readonly string[], at: Pick<StaffMember, 'orgUnit' | 'agency' | 'hall'>): void {
  const scope = { orgUnit: at.orgUnit, agency: at.agency, hall: at.hall };
  if (roles.length === 0) authorize(principal, 'staff.manage', scope);
  for (const role of roles) authorize(principal, 'staff.manage', { ...scope, grantsRole: role });
}

const accountOf = (m: StaffMember): StaffAccount => ({
  username: m.username,
  displayName: m.displayName,
  enabled: m.enabled,
  roles: m.roles,
  ...(m.orgUnit ? { orgUnit: m.orgUnit } : {}),
  ...(m.agency ? { agency: m.agency } : {}),
  ...(m.hall ? { hall: m.hall } : {}),
});

export interface CreateStaffInput {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly orgUnit: string;
  readonly agency: string;
  readonly hall: string;
  readonly windows: readonly string[];
  readonly initialPassword: string;
}

/** Adds a staff member to the directory and provisions their account (claims and realm roles) at the identity provider. */
export class CreateStaff {
  constructor(private readonly deps: ManageStaffDeps) {}

  async execute(principal: Principal, input: CreateStaffInput): Promise<StaffMember> {
    const now = this.deps.clock.now().toISOString();
    const draft: StaffMember = {
      id: 'unassigned',
      username: normalizeUsername(input.username),
      displayName: input.displayName.trim(),
      roles: input.roles as StaffRole[],
      ...(input.orgUnit ? { orgUnit: input.orgUnit } : {}),
      ...(input.agency ? { agency: input.agency.trim() } : {}),
      ...(input.hall ? { hall: input.hall } : {}),
      windows: [...input.windows],
      enabled: true,
      createdAt: now,
      updatedAt: now,
    };
    authorizeRoles(principal, draft.roles, draft);
    assertValidStaff(draft, await placementOf(this.deps.org, draft));
    if (input.initialPassword.length < MIN_PASSWORD || input.initialPassword.length > 128) {
      throw invalid('STAFF_INVALID', 'the initial password is not acceptable', [{ field: 'initialPassword', message: `${MIN_PASSWORD} to 128 characters` }]);
    }
    if (await this.deps.staff.findByUsername(draft.username)) throw conflict('USERNAME_TAKEN', `the username ${draft.username} is taken`);

    const { id } = await this.deps.idp.createStaffUser(accountOf(draft), input.initialPassword);
    const member = { ...draft, id };
    await this.deps.staff.insert(member);
    await recordChange(this.deps.audit, this.deps.clock, principal, 'identity.staff.create', `staff:${id}`, `roles ${member.roles.join(',')}`);
    return member;
  }
}

export interface UpdateStaffInput {
  readonly staffId: string;
  readonly displayName?: string | undefined;
  readonly roles?: readonly string[] | undefined;
  readonly orgUnit?: string | undefined;
  readonly agency?: string | undefined;
  readonly hall?: string | undefined;
  readonly windows?: readonly string[] | undefined;
  readonly enabled?: boolean | undefined;
}

/** Changes roles, placement, windows or state; the identity provider's account follows, so the next token carries it. */
export class UpdateStaff {
  constructor(private readonly deps: ManageStaffDeps) {}

  async execute(principal: Principal, input: UpdateStaffInput): Promise<StaffMember> {
    const current = await this.deps.staff.get(input.staffId);
    if (!current) {
      authorizeRoles(principal, [], { orgUnit: undefined, agency: undefined, hall: undefined });
      throw notFound('STAFF_NOT_FOUND', `no staff member ${input.staffId}`);
    }
    const optional = (value: string | undefined, fallback: string | undefined) => (value === undefined ? fallback : value || undefined);
    const orgUnit = optional(input.orgUnit, current.orgUnit);
    const agency = optional(input.agency?.trim(), current.agency);
    const hall = optional(input.hall, current.hall);
    const next: StaffMember = {
      id: current.id,
      username: current.username,
      displayName: input.displayName?.trim() ?? current.displayName,
      roles: (input.roles ?? current.roles) as StaffRole[],
      ...(orgUnit ? { orgUnit } : {}),
      ...(agency ? { agency } : {}),
      ...(hall ? { hall } : {}),
      windows: [...(input.windows ?? current.windows)],
      enabled: input.enabled ?? current.enabled,
      createdAt: current.createdAt,
      updatedAt: this.deps.clock.now().toISOString(),
    };
    // Whoever changes a member must be allowed to manage every role involved, where the member was and where they go.
    const involved = [...new Set([...current.roles, ...next.roles])];
    authorizeRoles(principal, involved, current);
    authorizeRoles(principal, involved, next);
    assertValidStaff(next, await placementOf(this.deps.org, next));

    await this.deps.idp.updateStaffUser(current.id, accountOf(next));
    await this.deps.staff.update(next);
    await recordChange(this.deps.audit, this.deps.clock, principal, 'identity.staff.update', `staff:${current.id}`, `roles ${next.roles.join(',')}`);
    return next;
  }
}
