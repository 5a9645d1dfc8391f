import { authorize, ROLES, type Principal, type Role } from '@onewindow/auth';
import { isStaffRole, ROLE_TITLES } from '../../domain/index.js';
import { permissionsOf } from './get-me.js';

export interface RoleInfo {
  readonly name: Role;
  readonly title: { readonly zh: string; readonly en: string };
  readonly kind: 'staff' | 'service_account' | 'applicant';
  /** What a holder may do on what they own or oversee (their hall, org unit, agency, jurisdiction). */
  readonly permissions: readonly string[];
}

/** Every role with what the policy lets it do: read from the policy itself, never restated. */
export class ListRoles {
  execute(principal: Principal): RoleInfo[] {
    authorize(principal, 'org.read');
    return ROLES.map((role) => ({
      name: role,
      title: ROLE_TITLES[role],
      kind: role === 'applicant' ? 'applicant' : isStaffRole(role) ? 'staff' : 'service_account',
      permissions: permissionsOf({
        subject: `example-${role}`,
        username: `example-${role}`,
        roles: [role],
        orgUnit: '510100',
        agency: '市场监督管理局',
        hall: 'hall-510100-01',
        clientId: `example-${role}`,
        token: '',
      }),
    }));
  }
}
