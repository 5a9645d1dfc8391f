import { forbidden } from '@onewindow/kernel';
import type { Principal, Role } from './principal.js';

/**
 * The one authorization policy: the gateway and every service ask it, so a
 * rule changes in one place. Deny by default; a grant that depends on
 * ownership needs the scope field that proves it, and a missing field on
 * either side never matches (undefined is nobody's hall).
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

const ownedByApplicant =
  (what: string): Rule =>
  (p, s) =>
    same(s.applicantId, p.subject) ? allow(`applicant: own ${what}`) : deny(`applicant: not their own ${what}`);

const atOwnHall: Rule = (p, s) =>
  same(s.hall, p.hall) ? allow('clerk: case at their hall') : deny('clerk: case is not at their hall');

/** A task is the approver's business when it is in their org unit and assigned to a role they hold. */
const approverTask = (p: Principal, s: ResourceScope): Decision => {
  if (!same(s.orgUnit, p.orgUnit)) return deny('approver: task is not in their org unit');
  if (s.role !== 'approver') return deny('approver: task is for another role');
  return allow('approver: task of their role in their org unit');
};

const ownClaimedTask: Rule = (p, s) => {
  const task = approverTask(p, s);
  if (!task.allowed) return task;
  return same(s.assignee, p.subject) ? task : deny('approver: task is not claimed by them');
};

const routedToCaller: Rule = (p, s) =>
  same(s.routedToPartner, p.clientId) ? allow('partner: case routed to it') : deny('partner: case not routed to it');

const SUPERVISOR_READS = ['case.read', 'case.list', 'task.list', 'licence.read', 'bill.read', 'message.read'] as const;
const PLATFORM_READS = [...SUPERVISOR_READS, 'partner.list'] as const;

const readsOnly = (role: string, actions: readonly Action[]): RoleRules =>
  Object.fromEntries(actions.map((a) => [a, always(`${role}: may read`)]));

const RULES: Readonly<Record<Role, RoleRules>> = {
  applicant: {
    'case.submit': ownedByApplicant('case'),
    'case.read': ownedByApplicant('case'),
    'case.list': ownedByApplicant('case'),
    'licence.read': ownedByApplicant('licence'),
    'bill.read': ownedByApplicant('bill'),
    'message.read': ownedByApplicant('message'),
  },
  clerk: {
    'case.read': atOwnHall,
    'case.list': atOwnHall,
    'case.accept': atOwnHall,
  },
  approver: {
    'task.list': approverTask,
    'task.claim': approverTask,
    'task.complete': ownClaimedTask,
  },
  section_chief: {},
  agency_head: {},
  hall_admin: {},
  supervisor: readsOnly('supervisor', SUPERVISOR_READS),
  platform_admin: readsOnly('platform_admin', PLATFORM_READS),
  partner: {
    'case.list': routedToCaller,
    'case.read': routedToCaller,
  },
  service: readsOnly('service', PLATFORM_READS),
};

/** Anyone with a verified token may ask who they are. */
const EVERYONE: RoleRules = { 'identity.me': always('any authenticated caller') };

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
