import { ACTIONS, authorize, decide, type Principal } from '@onewindow/auth';
import type { StaffDirectory } from '../ports.js';

export interface Me {
  readonly principal: Principal;
  readonly permissions: readonly string[];
  readonly windows: readonly string[];
}

/** What the caller may do on their own resources: the console shows or hides actions by it. */
export function permissionsOf(p: Principal): string[] {
  const own = {
    applicantId: p.subject,
    hall: p.hall,
    orgUnit: p.orgUnit,
    agency: p.agency,
    role: 'approver',
    assignee: p.subject,
    principalId: p.subject,
    grantsRole: 'clerk',
    routedToPartner: p.clientId,
  };
  return ACTIONS.filter((action) => decide(p, action, own).allowed);
}

/** The caller as the token says, with their permissions and the windows they work at. */
export class GetMe {
  constructor(private readonly staff: StaffDirectory) {}

  async execute(principal: Principal): Promise<Me> {
    authorize(principal, 'identity.me');
    const member = principal.roles.includes('applicant') ? null : await this.staff.get(principal.subject);
    return { principal, permissions: permissionsOf(principal), windows: member?.windows ?? [] };
  }
}
