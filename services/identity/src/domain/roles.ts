import type { Role } from '@onewindow/auth/principal';

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

/** What the console shows for each role (窗口人员, 审批人员, 监察人员 …). */
export const ROLE_TITLES: Readonly<Record<Role, { zh: string; en: string }>> = {
  applicant: { zh: '申请人', en: 'applicant' },
  clerk: { zh: '窗口人员', en: 'window clerk' },
  approver: { zh: '审批人员', en: 'approver' },
  section_chief: { zh: '科室负责人', en: 'section chief' },
  agency_head: { zh: '部门负责人', en: 'agency head' },
  supervisor: { zh: '电子监察人员', en: 'e-supervisor' },
  hall_admin: { zh: '大厅管理员', en: 'hall administrator' },
  platform_admin: { zh: '平台管理员', en: 'platform administrator' },
  partner: { zh: '合作方系统', en: 'partner system' },
  service: { zh: '平台服务', en: 'platform service' },
};

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

/** Roles that act for an agency: approvers and their chiefs belong to one. */
export function requiresAgency(role: StaffRole): boolean {
  return role === 'approver' || role === 'section_chief' || role === 'agency_head';
}

/** 电子监察 is independent of the agencies it watches: no agency, and no role that acts for one. */
export function conflictsWithSupervision(role: StaffRole): boolean {
  return role === 'clerk' || requiresAgency(role);
}
