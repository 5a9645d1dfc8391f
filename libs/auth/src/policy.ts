import { forbidden } from '@onewindow/kernel/errors';
import { divisionPrefix, hallDivision, isWithinDivision } from './jurisdiction.js';
import type { Principal, Role } from './principal.js';

/**
 * The one authorization policy: the gateway and every service ask it, so a
 * rule changes in one place. Deny by default; a grant that depends on
 * ownership needs the scope field that proves it, and a missing field on
 * either side never matches (undefined is nobody's hall). Supervisors read
 * within their jurisdiction: the org-tree subtree under their org unit's
 * division code (see jurisdiction.ts and `jurisdictionOf`).
 */
export const ACTIONS = [
  'case.submit',
  'case.read',
  'case.list',
  'case.accept',
  'task.list',
  'task.claim',
  'task.complete',
  'licence.read',
  'bill.read',
  'message.read',
  'partner.list',
  'identity.me',
  'org.read',
  'org.manage',
  'window.manage',
  'staff.read',
  'staff.manage',
  'delegation.read',
  'delegation.manage',
  'applicant.read',
  'applicant.identifier.read',
  'audit.read',
  'partner.manage',
  'case.pre-review',
  'case.reject',
  'case.request-supplement',
  'case.amend',
  'file.upload',
  'licence.reuse',
  'credit.read',
  'credit.manage',
  'task.reassign',
  'case.suspend',
  'case.extend',
  'case.green-channel',
  'case.timeline',
  'case.internal-review',
  'supervision.read',
  'workflow.define',
  'applicant.contact.verify',
  // Licence lifecycle (issue 15): the issuing agency suspends, restores, revokes, renews, changes; the holder cancels.
  'licence.manage',
  'licence.cancel',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What the caller knows about the resource the action touches (or, for lists, the filter it will apply). */
export interface ResourceScope {
  /** The applicant who owns the case, licence, bill or message (a token `sub`). */
  readonly applicantId?: string;
  /** The hall the case was filed at. */
  readonly hall?: string;
  /** The org unit (division code) a task belongs to. */
  readonly orgUnit?: string;
  /** The role a task is assigned to. */
  readonly role?: string;
  /** Who holds (has claimed) the task: a token `sub`. */
  readonly assignee?: string;
  /** The partner client id (`azp`) a case is routed to. */
  readonly routedToPartner?: string;
  /** The agency (进驻单位) a staff record or a delegation belongs to. */
  readonly agency?: string;
  /** The staff member a resource is about: a staff record's id, a delegation's principal (a token `sub`). */
  readonly principalId?: string;
  /** A delegation's substitute (a token `sub`). */
  readonly substituteId?: string;
  /** Who may act for the applicant (帮办代办): the case's authorised agents (token `sub`s). */
  readonly agents?: readonly string[];
  /** Whom the caller currently stands in for (AB角): principals of their active delegations, resolved by the caller's service. */
  readonly standInFor?: readonly string[];
  /** The role a staff change grants. */
  readonly grantsRole?: string;
}

export interface Decision {
  readonly allowed: boolean;
  readonly reason: string;
}

/** How one role answers for one action; a role without a rule for an action does not grant it. */
type Rule = (principal: Principal, scope: ResourceScope) => Decision;
type RoleRules = Partial<Record<Action, Rule>>;

const allow = (reason: string): Decision => ({ allowed: true, reason });
const deny = (reason: string): Decision => ({ allowed: false, reason });
const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && a !== '' && a === b;

const always =
  (reason: string): Rule =>
  () =>
    allow(reason);

const includes = (list: readonly string[] | undefined, who: string): boolean => list?.some((x) => same(x, who)) ?? false;

/** Their own, or a company's or person's they are an authorised agent of (帮办代办). */
const ownedByApplicant =
  (what: string): Rule =>
  (p, s) => {
    if (same(s.applicantId, p.subject)) return allow(`applicant: own ${what}`);
    if (includes(s.agents, p.subject)) return allow(`applicant: authorised agent for the ${what}`);
    return deny(`applicant: not their own ${what}`);
  };

/** Strictly the applicant themselves: an agent acts for a company, it does not read its full numbers. */
const applicantThemselves: Rule = (p, s) =>
  same(s.applicantId, p.subject) ? allow('applicant: their own record') : deny('applicant: not their own record');

const atOwnHall: Rule = (p, s) =>
  same(s.hall, p.hall) ? allow('clerk: case at their hall') : deny('clerk: case is not at their hall');

/** A task is the approver's business when it is in their org unit and assigned to a role they hold. */
const approverTask = (p: Principal, s: ResourceScope): Decision => {
  if (!same(s.orgUnit, p.orgUnit)) return deny('approver: task is not in their org unit');
  if (s.agency !== undefined && !same(s.agency, p.agency)) return deny('approver: task is for another agency');
  if (s.role !== 'approver') return deny('approver: task is for another role');
  return allow('approver: task of their role in their org unit');
};

const ownClaimedTask: Rule = (p, s) => {
  const task = approverTask(p, s);
  if (!task.allowed) return task;
  if (same(s.assignee, p.subject)) return task;
  if (s.assignee !== undefined && includes(s.standInFor, s.assignee)) return allow('approver: stand-in for the task holder');
  return deny('approver: task is not claimed by them');
};

/** A delegation the approver gives (create, revoke) is theirs; one they receive they may read. */
const ownDelegation: Rule = (p, s) =>
  same(s.principalId, p.subject) ? allow('approver: their own delegation') : deny('approver: not their delegation');

const delegationOfTheirs: Rule = (p, s) =>
  same(s.principalId, p.subject) || same(s.substituteId, p.subject)
    ? allow('approver: a delegation they give or receive')
    : deny('approver: not their delegation');

/** An agency head answers for the staff of their agency in their org unit. */
const atOwnAgency: Rule = (p, s) =>
  same(s.orgUnit, p.orgUnit) && same(s.agency, p.agency)
    ? allow('agency_head: their agency in their org unit')
    : deny('agency_head: not their agency in their org unit');

const hallAdminAtOwnHall: Rule = (p, s) =>
  same(s.hall, p.hall) ? allow('hall_admin: their hall') : deny('hall_admin: not their hall');

/** A hall administrator staffs the windows of their hall: clerks, nothing more. */
const hallAdminGrantsClerk: Rule = (p, s) => {
  const hall = hallAdminAtOwnHall(p, s);
  if (!hall.allowed) return hall;
  return s.grantsRole === 'clerk' ? allow('hall_admin: a clerk at their hall') : deny('hall_admin: may grant the clerk role only');
};

/** Where a resource is: its org unit, or the division code its hall id carries. */
const locationOf = (s: ResourceScope): string | undefined => (s.orgUnit ? s.orgUnit : hallDivision(s.hall));

/**
 * 电子监察 reads within a jurisdiction: the subtree of the supervisor's org
 * unit (division-code prefix). A resource located outside it is refused.
 * `unlocated: 'allow'` keeps the first services' reads working, which pass
 * no location for some resources (licences, messages) and list with an
 * empty scope: those callers must narrow their listing by `jurisdictionOf`.
 */
const withinJurisdiction =
  (unlocated: 'allow' | 'deny'): Rule =>
  (p, s) => {
    const where = locationOf(s);
    if (where === undefined) {
      return unlocated === 'allow' ? allow('supervisor: may read (caller narrows to the jurisdiction)') : deny('supervisor: resource has no location');
    }
    return isWithinDivision(p.orgUnit, where) ? allow('supervisor: within their jurisdiction') : deny('supervisor: outside their jurisdiction');
  };

/** A task of a given staff role (approval's inbox): in the caller's org unit and, when the task names one, their agency. */
const staffTask =
  (role: Role): Rule =>
  (p, s) => {
    if (!same(s.orgUnit, p.orgUnit)) return deny(`${role}: task is not in their org unit`);
    if (s.agency !== undefined && !same(s.agency, p.agency)) return deny(`${role}: task is for another agency`);
    if (s.role !== role) return deny(`${role}: task is for another role`);
    return allow(`${role}: task of their role in their org unit`);
  };

const ownClaimedStaffTask =
  (role: Role): Rule =>
  (p, s) => {
    const task = staffTask(role)(p, s);
    if (!task.allowed) return task;
    if (same(s.assignee, p.subject)) return task;
    if (s.assignee !== undefined && includes(s.standInFor, s.assignee)) return allow(`${role}: stand-in for the task holder`);
    return deny(`${role}: task is not claimed by them`);
  };

/** Staff of the org unit (and agency, when the scope names one) where a case is handled: suspend and resume it, reassign its tasks, read its timeline. */
const staffAtOrgUnit =
  (role: Role): Rule =>
  (p, s) =>
    same(s.orgUnit, p.orgUnit) && (s.agency === undefined || same(s.agency, p.agency))
      ? allow(`${role}: a case handled in their org unit`)
      : deny(`${role}: not a case handled in their org unit`);

const routedToCaller: Rule = (p, s) =>
  same(s.routedToPartner, p.clientId) ? allow('partner: case routed to it') : deny('partner: case not routed to it');

const SUPERVISOR_READS = ['case.read', 'case.list', 'task.list', 'licence.read', 'bill.read', 'message.read'] as const;
const PLATFORM_READS = [...SUPERVISOR_READS, 'partner.list'] as const;

const readsOnly = (role: string, actions: readonly Action[]): RoleRules =>
  Object.fromEntries(actions.map((a) => [a, always(`${role}: may read`)]));

const PLATFORM_ADMINISTRATION = [
  'org.manage',
  'window.manage',
  'staff.read',
  'staff.manage',
  'delegation.read',
  'delegation.manage',
  'applicant.read',
  'applicant.identifier.read',
  'audit.read',
  'partner.manage',
] as const satisfies readonly Action[];

const grantsAll = (role: string, actions: readonly Action[]): RoleRules =>
  Object.fromEntries(actions.map((a) => [a, always(`${role}: administers the platform`)]));

const RULES: Readonly<Record<Role, RoleRules>> = {
  applicant: {
    'case.timeline': ownedByApplicant('case'),
    'case.internal-review': ownedByApplicant('case'),
    'case.submit': ownedByApplicant('case'),
    'case.read': ownedByApplicant('case'),
    'case.list': ownedByApplicant('case'),
    'licence.read': ownedByApplicant('licence'),
    'bill.read': ownedByApplicant('bill'),
    'message.read': ownedByApplicant('message'),
    'applicant.read': ownedByApplicant('applicant record'),
    'applicant.identifier.read': applicantThemselves,
    // Proving a phone or mailbox is theirs: not an agent's, not staff's to do for them.
    'applicant.contact.verify': applicantThemselves,
    'case.amend': ownedByApplicant('case'),
    'file.upload': always('applicant: uploads materials'),
    'licence.reuse': ownedByApplicant('licence'),
    'licence.cancel': ownedByApplicant('licence'),
  },
  clerk: {
    'case.timeline': atOwnHall,
    'case.read': atOwnHall,
    'case.list': atOwnHall,
    'case.accept': atOwnHall,
    'applicant.read': always('clerk: looks up applicants at the window'),
    'case.submit': atOwnHall,
    'case.pre-review': atOwnHall,
    'case.reject': atOwnHall,
    'case.request-supplement': atOwnHall,
    'case.amend': atOwnHall,
    'file.upload': always('clerk: scans materials at the window'),
    'licence.reuse': always('clerk: checks a licence the applicant shows at the window'),
  },
  approver: {
    'case.suspend': staffAtOrgUnit('approver'),
    'case.timeline': staffAtOrgUnit('approver'),
    'task.list': approverTask,
    'task.claim': approverTask,
    'task.complete': ownClaimedTask,
    'delegation.manage': ownDelegation,
    'delegation.read': delegationOfTheirs,
    'applicant.read': always('approver: looks up the applicants of their tasks'),
  },
  section_chief: {
    'task.list': staffTask('section_chief'),
    'task.claim': staffTask('section_chief'),
    'task.complete': ownClaimedStaffTask('section_chief'),
    'task.reassign': staffAtOrgUnit('section_chief'),
    'case.suspend': staffAtOrgUnit('section_chief'),
    'case.timeline': staffAtOrgUnit('section_chief'),
    'licence.manage': staffAtOrgUnit('section_chief'),
  },
  agency_head: {
    'task.list': staffTask('agency_head'),
    'task.claim': staffTask('agency_head'),
    'task.complete': ownClaimedStaffTask('agency_head'),
    'task.reassign': staffAtOrgUnit('agency_head'),
    'case.suspend': staffAtOrgUnit('agency_head'),
    'case.timeline': staffAtOrgUnit('agency_head'),
    'licence.manage': staffAtOrgUnit('agency_head'),
    'case.extend': atOwnAgency,
    'case.green-channel': atOwnAgency,
    'staff.read': atOwnAgency,
    'delegation.manage': atOwnAgency,
    'delegation.read': atOwnAgency,
  },
  hall_admin: {
    'case.green-channel': hallAdminAtOwnHall,
    'window.manage': hallAdminAtOwnHall,
    'staff.read': hallAdminAtOwnHall,
    'staff.manage': hallAdminGrantsClerk,
  },
  supervisor: {
    'case.timeline': withinJurisdiction('deny'),
    'supervision.read': withinJurisdiction('allow'),
    ...Object.fromEntries(SUPERVISOR_READS.map((a) => [a, withinJurisdiction('allow')])),
    'staff.read': withinJurisdiction('deny'),
    'delegation.read': withinJurisdiction('deny'),
    'audit.read': withinJurisdiction('deny'),
    'applicant.read': always('supervisor: looks up applicants'),
    'credit.read': always('supervisor: reads credit flags'),
  },
  platform_admin: {
    'case.timeline': always('platform_admin: may read'),
    'supervision.read': always('platform_admin: may read'),
    'workflow.define': always('platform_admin: defines the published workflows'),
    ...readsOnly('platform_admin', PLATFORM_READS),
    ...grantsAll('platform_admin', PLATFORM_ADMINISTRATION),
    ...grantsAll('platform_admin', ['credit.read', 'credit.manage']),
  },
  partner: {
    'case.list': routedToCaller,
    'case.read': routedToCaller,
  },
  service: {
    'case.timeline': always('service: may read'),
    'supervision.read': always('service: may read'),
    ...readsOnly('service', [...PLATFORM_READS, 'staff.read', 'delegation.read', 'applicant.read']),
    'licence.reuse': always('service: checks a licence for reuse'),
  },
};

/** Anyone with a verified token may ask who they are. */
const EVERYONE: RoleRules = {
  'identity.me': always('any authenticated caller'),
  'org.read': always('the org tree, halls and windows are public to any authenticated caller'),
};

/**
 * Allowed when any of the caller's roles allows. When none does, the reason
 * comes from the first role that had a rule for the action (the most useful
 * "no"), or says that no role grants it.
 */
export function decide(principal: Principal, action: Action, scope: ResourceScope = {}): Decision {
  const everyone = EVERYONE[action];
  if (everyone) return everyone(principal, scope);
  let firstDenial: Decision | undefined;
  for (const role of principal.roles) {
    const rule = RULES[role]?.[action];
    if (!rule) continue;
    const decision = rule(principal, scope);
    if (decision.allowed) return decision;
    firstDenial ??= decision;
  }
  return firstDenial ?? deny(`no role of the caller grants ${action}`);
}

/** Throws `forbidden('FORBIDDEN', reason)` unless allowed. */
export function authorize(principal: Principal, action: Action, scope?: ResourceScope): void {
  const decision = decide(principal, action, scope);
  if (!decision.allowed) throw forbidden('FORBIDDEN', decision.reason);
}

/** What a caller may read across org units: everything, the subtree under a division-code prefix, or nothing. */
export type Jurisdiction =
  | { readonly kind: 'all' }
  | { readonly kind: 'subtree'; readonly root: string; readonly prefix: string }
  | { readonly kind: 'none' };

/**
 * The widest area a listing may cover for the caller: platform
 * administrators and services see every org unit; a supervisor the
 * subtree of their org unit; everyone else nothing beyond what the
 * ownership rules give them (their hall, their org unit).
 */
export function jurisdictionOf(principal: Principal): Jurisdiction {
  if (principal.roles.includes('platform_admin') || principal.roles.includes('service')) return { kind: 'all' };
  const prefix = divisionPrefix(principal.orgUnit);
  if (principal.roles.includes('supervisor') && prefix && principal.orgUnit) return { kind: 'subtree', root: principal.orgUnit, prefix };
  return { kind: 'none' };
}

/** True when the jurisdiction covers the division code (or the hall's division). */
export function covers(jurisdiction: Jurisdiction, where: { orgUnit?: string; hall?: string }): boolean {
  if (jurisdiction.kind === 'all') return true;
  if (jurisdiction.kind === 'none') return false;
  return isWithinDivision(jurisdiction.root, where.orgUnit ?? hallDivision(where.hall));
}
