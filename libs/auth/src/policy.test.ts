import { describe, expect, it } from 'vitest';
import { DomainError } from '@onewindow/kernel';
import { ACTIONS, authorize, covers, decide, jurisdictionOf, type Action, type ResourceScope } from './policy.js';
import { ROLES, type Principal, type Role } from './principal.js';

function principal(overrides: Partial<Principal> & Pick<Principal, 'subject' | 'roles'>): Principal {
  return { username: overrides.subject, clientId: 'onewindow-console', token: 'not-a-real-token', ...overrides };
}

/** One realistic caller per role. */
const CALLERS: Record<Role, Principal> = {
  applicant: principal({ subject: 'u-applicant', roles: ['applicant'] }),
  clerk: principal({ subject: 'u-clerk', roles: ['clerk'], hall: 'hall-510100-01', orgUnit: '510100' }),
  approver: principal({ subject: 'u-approver', roles: ['approver'], orgUnit: '510100', agency: '市场监督管理局' }),
  section_chief: principal({ subject: 'u-chief', roles: ['section_chief'], orgUnit: '510100' }),
  agency_head: principal({ subject: 'u-head', roles: ['agency_head'], orgUnit: '510100', agency: '市场监督管理局' }),
  supervisor: principal({ subject: 'u-supervisor', roles: ['supervisor'], orgUnit: '510100' }),
  hall_admin: principal({ subject: 'u-hall-admin', roles: ['hall_admin'], hall: 'hall-510100-01', orgUnit: '510100' }),
  platform_admin: principal({ subject: 'u-admin', roles: ['platform_admin'] }),
  partner: principal({ subject: 'sa-partner', roles: ['partner'], clientId: 'partner-demo' }),
  service: principal({ subject: 'sa-services', roles: ['service'], clientId: 'onewindow-services' }),
};

type Ownership = 'own' | 'other' | 'none';

/**
 * Every scope field names the caller: their id, hall, org unit and agency,
 * an approver task they hold, a case routed to them, a delegation they give,
 * a staff change granting the clerk role.
 */
function ownScope(p: Principal): ResourceScope {
  return {
    applicantId: p.subject,
    hall: p.hall,
    orgUnit: p.orgUnit,
    role: 'approver',
    assignee: p.subject,
    routedToPartner: p.clientId,
    agency: p.agency,
    principalId: p.subject,
    substituteId: p.subject,
    grantsRole: 'clerk',
  };
}

/** Every scope field names someone else. */
const OTHER_SCOPE: ResourceScope = {
  applicantId: 'u-someone-else',
  hall: 'hall-440300-02',
  orgUnit: '440300',
  role: 'approver',
  assignee: 'u-someone-else',
  routedToPartner: 'partner-elsewhere',
  agency: '交通运输局',
  principalId: 'u-someone-else',
  substituteId: 'u-third-person',
  agents: ['u-third-person'],
  standInFor: ['u-third-person'],
  grantsRole: 'platform_admin',
};

function scopeFor(p: Principal, ownership: Ownership): ResourceScope | undefined {
  if (ownership === 'own') return ownScope(p);
  if (ownership === 'other') return OTHER_SCOPE;
  return undefined;
}

const ALL: readonly Ownership[] = ['own', 'other', 'none'];
const grants = (role: Role, actions: readonly Action[], ownerships: readonly Ownership[]) =>
  actions.flatMap((a) => ownerships.map((o) => `${role} ${a} ${o}`));

const READS: readonly Action[] = ['case.read', 'case.list', 'task.list', 'licence.read', 'bill.read', 'message.read'];

const ADMINISTRATION: readonly Action[] = [
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
];

/** The whole "yes" side of the matrix, written out by hand; everything else is a "no". */
const ALLOWED = new Set<string>([
  ...ROLES.flatMap((role) => grants(role, ['identity.me', 'org.read'], ALL)),
  ...grants(
    'applicant',
    ['case.submit', 'case.read', 'case.list', 'licence.read', 'bill.read', 'message.read', 'applicant.read', 'applicant.identifier.read'],
    ['own'],
  ),
  ...grants('clerk', ['case.read', 'case.list', 'case.accept'], ['own']),
  ...grants('clerk', ['applicant.read'], ALL),
  ...grants('approver', ['task.list', 'task.claim', 'task.complete', 'delegation.manage', 'delegation.read'], ['own']),
  ...grants('approver', ['applicant.read'], ALL),
  ...grants('agency_head', ['staff.read', 'delegation.manage', 'delegation.read'], ['own']),
  // Jurisdiction: the own org unit is inside it, 440300 is not; reads that name no location stay open to the first services.
  ...grants('supervisor', READS, ['own', 'none']),
  ...grants('supervisor', ['staff.read', 'delegation.read', 'audit.read'], ['own']),
  ...grants('supervisor', ['applicant.read'], ALL),
  ...grants('hall_admin', ['window.manage', 'staff.read', 'staff.manage'], ['own']),
  ...grants('platform_admin', [...READS, 'partner.list', ...ADMINISTRATION], ALL),
  ...grants('partner', ['case.list', 'case.read'], ['own']),
  ...grants('service', [...READS, 'partner.list', 'staff.read', 'delegation.read', 'applicant.read'], ALL),
  // Approval (issue 6): timelines, suspensions, extensions, reassignment, supervision, workflow definitions.
  ...grants('applicant', ['case.timeline', 'case.internal-review'], ['own']),
  ...grants('clerk', ['case.timeline'], ['own']),
  ...grants('approver', ['case.suspend', 'case.timeline'], ['own']),
  ...grants('section_chief', ['task.reassign', 'case.suspend', 'case.timeline'], ['own']),
  ...grants('agency_head', ['task.reassign', 'case.suspend', 'case.timeline', 'case.extend', 'case.green-channel'], ['own']),
  ...grants('hall_admin', ['case.green-channel'], ['own']),
  ...grants('supervisor', ['case.timeline'], ['own']),
  ...grants('supervisor', ['supervision.read'], ['own', 'none']),
  ...grants('platform_admin', ['case.timeline', 'supervision.read', 'workflow.define'], ALL),
  ...grants('service', ['case.timeline', 'supervision.read'], ALL),
  // Intake (issue 5): window decisions, materials, uploads, licence reuse (免证办), credit flags.
  ...grants('applicant', ['case.amend', 'licence.reuse'], ['own']),
  ...grants('applicant', ['file.upload'], ALL),
  ...grants('clerk', ['case.submit', 'case.pre-review', 'case.reject', 'case.request-supplement', 'case.amend'], ['own']),
  ...grants('clerk', ['file.upload', 'licence.reuse'], ALL),
  ...grants('supervisor', ['credit.read'], ALL),
  ...grants('platform_admin', ['credit.read', 'credit.manage'], ALL),
  ...grants('service', ['licence.reuse'], ALL),
  // Identity: an applicant verifies their own contacts.
  ...grants('applicant', ['applicant.contact.verify'], ['own']),
  // Licences (issue 15): the issuing org unit's section chiefs and heads manage them; the holder cancels.
  ...grants('section_chief', ['licence.manage'], ['own']),
  ...grants('agency_head', ['licence.manage'], ['own']),
  ...grants('applicant', ['licence.cancel'], ['own']),
]);

const MATRIX = ROLES.flatMap((role) =>
  ACTIONS.flatMap((action) =>
    ALL.map((ownership) => ({ role, action, ownership, allowed: ALLOWED.has(`${role} ${action} ${ownership}`) })),
  ),
);

describe('policy matrix: role × action × ownership', () => {
  it('covers every role, action and ownership', () => {
    expect(MATRIX).toHaveLength(ROLES.length * ACTIONS.length * 3);
    expect(MATRIX.filter((c) => c.allowed).length).toBe(ALLOWED.size);
  });

  it.each(MATRIX)('$role $action on $ownership resource → allowed: $allowed', ({ role, action, ownership, allowed }) => {
    const caller = CALLERS[role];
    const scope = scopeFor(caller, ownership);
    const decision = decide(caller, action, scope);
    expect(decision.allowed).toBe(allowed);
    expect(decision.reason).not.toBe('');
    if (allowed) {
      expect(() => authorize(caller, action, scope)).not.toThrow();
    } else {
      expect(() => authorize(caller, action, scope)).toThrow(
        expect.objectContaining({ kind: 'forbidden', code: 'FORBIDDEN', message: decision.reason }),
      );
    }
  });
});

describe('policy edge cases', () => {
  it('never matches a missing attribute against a missing scope field', () => {
    const hallless = principal({ subject: 'u-clerk-2', roles: ['clerk'], orgUnit: '510100' });
    expect(decide(hallless, 'case.read', {}).allowed).toBe(false);
    expect(decide(hallless, 'case.read', { hall: undefined }).allowed).toBe(false);
    const orgless = principal({ subject: 'u-approver-2', roles: ['approver'] });
    expect(decide(orgless, 'task.list', { role: 'approver' }).allowed).toBe(false);
  });

  it('never matches empty strings', () => {
    const blank = principal({ subject: 'u-clerk-3', roles: ['clerk'], hall: '' });
    expect(decide(blank, 'case.read', { hall: '' }).allowed).toBe(false);
  });

  it('refuses an approver a task of another role in their own org unit', () => {
    const approver = CALLERS.approver;
    const decision = decide(approver, 'task.claim', { orgUnit: '510100', role: 'section_chief' });
    expect(decision).toEqual({ allowed: false, reason: 'approver: task is for another role' });
  });

  it('lets an approver claim an unclaimed task but complete only one they hold', () => {
    const approver = CALLERS.approver;
    const task = { orgUnit: '510100', role: 'approver' };
    expect(decide(approver, 'task.claim', task).allowed).toBe(true);
    expect(decide(approver, 'task.complete', task).allowed).toBe(false);
    expect(decide(approver, 'task.complete', { ...task, assignee: 'u-other-approver' }).allowed).toBe(false);
    expect(decide(approver, 'task.complete', { ...task, assignee: approver.subject }).allowed).toBe(true);
  });

  it('identifies a partner by its client id, not its subject', () => {
    const partner = CALLERS.partner;
    expect(decide(partner, 'case.list', { routedToPartner: partner.subject }).allowed).toBe(false);
    expect(decide(partner, 'case.list', { routedToPartner: 'partner-demo' }).allowed).toBe(true);
  });

  it('grants the union of several roles and explains a refusal with the first applicable role', () => {
    const both = principal({ subject: 'u-both', roles: ['applicant', 'clerk'], hall: 'hall-510100-01' });
    expect(decide(both, 'case.read', { applicantId: 'u-both', hall: 'hall-elsewhere' }).allowed).toBe(true);
    expect(decide(both, 'case.read', { applicantId: 'u-x', hall: 'hall-510100-01' }).allowed).toBe(true);
    expect(decide(both, 'case.read', { applicantId: 'u-x', hall: 'hall-elsewhere' })).toEqual({
      allowed: false,
      reason: 'applicant: not their own case',
    });
  });

  it('gives a caller without roles nothing but identity.me and the public org tree', () => {
    const nobody = principal({ subject: 'u-nobody', roles: [] });
    for (const action of ACTIONS) {
      expect(decide(nobody, action, ownScope(nobody)).allowed, action).toBe(action === 'identity.me' || action === 'org.read');
    }
    expect(decide(nobody, 'case.read').reason).toBe('no role of the caller grants case.read');
  });

  it('throws a kernel DomainError', () => {
    expect(() => authorize(CALLERS.supervisor, 'case.accept')).toThrow(DomainError);
  });
});

describe('jurisdiction: a supervisor reads the subtree of their org unit', () => {
  const supervisorAt = (orgUnit: string | undefined) =>
    principal({ subject: `u-supervisor-${orgUnit ?? 'nowhere'}`, roles: ['supervisor'], ...(orgUnit ? { orgUnit } : {}) });

  it.each([
    ['510000', '510107', true],
    ['510000', '510107001', true],
    ['510000', '510107001002', true],
    ['510100', '510107', true],
    ['510100', '510100', true],
    ['510100', '510200', false],
    ['510100', '520100', false],
    ['510107', '510100', false],
    ['510107', '510104', false],
    ['510107', '510107001', true],
    ['510107001', '510107002', false],
  ])('a supervisor at %s reading a case at %s → %s', (root, where, allowed) => {
    expect(decide(supervisorAt(root), 'case.read', { orgUnit: where }).allowed).toBe(allowed);
    expect(decide(supervisorAt(root), 'audit.read', { orgUnit: where }).allowed).toBe(allowed);
  });

  it('locates a case by the division code its hall id carries', () => {
    expect(decide(supervisorAt('510100'), 'case.read', { hall: 'hall-510107-01' }).allowed).toBe(true);
    expect(decide(supervisorAt('510100'), 'case.read', { hall: 'hall-440300-02' })).toEqual({
      allowed: false,
      reason: 'supervisor: outside their jurisdiction',
    });
    // An explicit org unit wins over the hall.
    expect(decide(supervisorAt('510100'), 'case.read', { hall: 'hall-510100-01', orgUnit: '440300' }).allowed).toBe(false);
  });

  it('never matches a malformed code, nor a supervisor without an org unit, nor a prefix that only looks alike', () => {
    expect(decide(supervisorAt('510100'), 'case.read', { orgUnit: '5101' }).allowed).toBe(false);
    expect(decide(supervisorAt('510100'), 'case.read', { orgUnit: '51010x' }).allowed).toBe(false);
    expect(decide(supervisorAt(undefined), 'case.read', { orgUnit: '510100' }).allowed).toBe(false);
    expect(decide(supervisorAt('51'), 'case.read', { orgUnit: '510100' }).allowed).toBe(false);
    expect(decide(supervisorAt('000000'), 'case.read', { orgUnit: '000001' }).allowed).toBe(false);
  });

  it('refuses the identity reads (staff, delegations, audit) that name no location', () => {
    for (const action of ['staff.read', 'delegation.read', 'audit.read'] as const) {
      expect(decide(supervisorAt('510100'), action, {})).toEqual({ allowed: false, reason: 'supervisor: resource has no location' });
    }
  });

  it('changes nothing, even inside the jurisdiction', () => {
    const inside = { orgUnit: '510107', hall: 'hall-510107-01', role: 'approver' };
    for (const action of ['case.accept', 'task.claim', 'task.complete', 'staff.manage', 'delegation.manage', 'org.manage', 'window.manage'] as const) {
      expect(decide(supervisorAt('510000'), action, inside).allowed, action).toBe(false);
    }
  });

  it('names the widest area a listing may cover', () => {
    expect(jurisdictionOf(supervisorAt('510100'))).toEqual({ kind: 'subtree', root: '510100', prefix: '5101' });
    expect(jurisdictionOf(CALLERS.platform_admin)).toEqual({ kind: 'all' });
    expect(jurisdictionOf(CALLERS.service)).toEqual({ kind: 'all' });
    expect(jurisdictionOf(CALLERS.clerk)).toEqual({ kind: 'none' });
    expect(jurisdictionOf(supervisorAt(undefined))).toEqual({ kind: 'none' });
    const j = jurisdictionOf(supervisorAt('510100'));
    expect(covers(j, { orgUnit: '510107' })).toBe(true);
    expect(covers(j, { hall: 'hall-510107-01' })).toBe(true);
    expect(covers(j, { orgUnit: '510200' })).toBe(false);
    expect(covers(j, {})).toBe(false);
    expect(covers({ kind: 'none' }, { orgUnit: '510100' })).toBe(false);
  });
});

describe('stand-ins (AB角) and authorised agents (帮办代办)', () => {
  const task = { orgUnit: '510100', role: 'approver', assignee: 'u-approver-away' };

  it('lets a stand-in complete a task its principal holds, and nobody else’s', () => {
    const standIn = CALLERS.approver;
    expect(decide(standIn, 'task.complete', task).allowed).toBe(false);
    expect(decide(standIn, 'task.complete', { ...task, standInFor: ['u-approver-away'] })).toEqual({
      allowed: true,
      reason: 'approver: stand-in for the task holder',
    });
    expect(decide(standIn, 'task.complete', { ...task, standInFor: ['u-someone-else'] }).allowed).toBe(false);
    expect(decide(standIn, 'task.complete', { ...task, orgUnit: '440300', standInFor: ['u-approver-away'] }).allowed).toBe(false);
    expect(decide(standIn, 'task.complete', { orgUnit: '510100', role: 'approver', standInFor: [''] }).allowed).toBe(false);
  });

  it('lets an authorised agent act for the applicant, but not read their full identifier nor verify their contacts', () => {
    const agent = CALLERS.applicant;
    const company = { applicantId: 'u-company', agents: [agent.subject] };
    expect(decide(agent, 'case.submit', company)).toEqual({ allowed: true, reason: 'applicant: authorised agent for the case' });
    expect(decide(agent, 'case.read', company).allowed).toBe(true);
    expect(decide(agent, 'applicant.read', company).allowed).toBe(true);
    expect(decide(agent, 'applicant.identifier.read', company).allowed).toBe(false);
    expect(decide(agent, 'applicant.contact.verify', company).allowed).toBe(false);
    expect(decide(agent, 'case.read', { applicantId: 'u-company', agents: ['u-other-agent'] }).allowed).toBe(false);
  });

  it('lets an approver give and revoke only their own delegations, and read those they receive', () => {
    const approver = CALLERS.approver;
    expect(decide(approver, 'delegation.manage', { principalId: approver.subject }).allowed).toBe(true);
    expect(decide(approver, 'delegation.manage', { principalId: 'u-x', substituteId: approver.subject }).allowed).toBe(false);
    expect(decide(approver, 'delegation.read', { principalId: 'u-x', substituteId: approver.subject }).allowed).toBe(true);
  });
});

describe('administration', () => {
  it('lets a hall administrator grant the clerk role at their hall only', () => {
    const admin = CALLERS.hall_admin;
    expect(decide(admin, 'staff.manage', { hall: 'hall-510100-01', grantsRole: 'clerk' }).allowed).toBe(true);
    expect(decide(admin, 'staff.manage', { hall: 'hall-510100-01', grantsRole: 'approver' })).toEqual({
      allowed: false,
      reason: 'hall_admin: may grant the clerk role only',
    });
    expect(decide(admin, 'staff.manage', { hall: 'hall-510100-01' }).allowed).toBe(false);
    expect(decide(admin, 'staff.manage', { hall: 'hall-510107-01', grantsRole: 'clerk' }).allowed).toBe(false);
  });

  it('lets an agency head read their own agency’s staff only', () => {
    const head = CALLERS.agency_head;
    expect(decide(head, 'staff.read', { orgUnit: '510100', agency: '市场监督管理局' }).allowed).toBe(true);
    expect(decide(head, 'staff.read', { orgUnit: '510100', agency: '自然资源和规划局' }).allowed).toBe(false);
    expect(decide(head, 'staff.read', { orgUnit: '510107', agency: '市场监督管理局' }).allowed).toBe(false);
  });
});

describe('approval tasks beyond the approver (issue 6)', () => {
  const chief = principal({ subject: 'u-chief', roles: ['section_chief'], orgUnit: '510100', agency: '市场监督管理局' });
  const head = principal({ subject: 'u-head', roles: ['agency_head'], orgUnit: '510100', agency: '市场监督管理局' });
  const task = (role: string, more: ResourceScope = {}): ResourceScope => ({ orgUnit: '510100', agency: '市场监督管理局', role, ...more });

  it('lets a section chief claim and decide a task for their role, and not an approver task', () => {
    expect(decide(chief, 'task.claim', task('section_chief')).allowed).toBe(true);
    expect(decide(chief, 'task.complete', task('section_chief', { assignee: 'u-chief' })).allowed).toBe(true);
    expect(decide(chief, 'task.complete', task('section_chief', { assignee: 'u-other' })).allowed).toBe(false);
    expect(decide(chief, 'task.claim', task('approver'))).toEqual({ allowed: false, reason: 'section_chief: task is for another role' });
  });

  it('keeps a task of one agency from the staff of another agency in the same org unit', () => {
    const approver = CALLERS.approver;
    expect(decide(approver, 'task.claim', task('approver', { agency: '交通运输局' }))).toEqual({
      allowed: false,
      reason: 'approver: task is for another agency',
    });
    expect(decide(chief, 'task.reassign', { orgUnit: '510100', agency: '交通运输局' }).allowed).toBe(false);
  });

  it('lets a stand-in complete a task held by the person they stand in for, and nobody else’s', () => {
    const standIn = principal({ subject: 'u-chief-b', roles: ['section_chief'], orgUnit: '510100', agency: '市场监督管理局' });
    const held = task('section_chief', { assignee: 'u-chief' });
    expect(decide(standIn, 'task.complete', { ...held, standInFor: ['u-chief'] }).allowed).toBe(true);
    expect(decide(standIn, 'task.complete', { ...held, standInFor: ['u-someone'] }).allowed).toBe(false);
  });

  it('grants extensions and the green channel to the agency head of the case, not to an approver', () => {
    expect(decide(head, 'case.extend', { orgUnit: '510100', agency: '市场监督管理局' }).allowed).toBe(true);
    expect(decide(head, 'case.extend', { orgUnit: '510107', agency: '市场监督管理局' }).allowed).toBe(false);
    expect(decide(CALLERS.approver, 'case.extend', { orgUnit: '510100', agency: '市场监督管理局' }).allowed).toBe(false);
    expect(decide(CALLERS.approver, 'case.green-channel', { orgUnit: '510100', agency: '市场监督管理局' }).allowed).toBe(false);
  });
});

describe('intake at the window (issue 5)', () => {
  it('lets a clerk file, pre-review, refuse and send the one-time notice at their own hall only', () => {
    for (const action of ['case.submit', 'case.pre-review', 'case.reject', 'case.request-supplement'] as const) {
      expect(decide(CALLERS.clerk, action, { hall: 'hall-510100-01' }).allowed, action).toBe(true);
      expect(decide(CALLERS.clerk, action, { hall: 'hall-510104-01' }).allowed, action).toBe(false);
    }
  });

  it('lets the agent who filed a case hand in its materials, and nobody else', () => {
    const agent = principal({ subject: 'u-agent', roles: ['applicant'] });
    expect(decide(agent, 'case.amend', { applicantId: 'party:company', agents: ['u-agent'] }).allowed).toBe(true);
    expect(decide(agent, 'case.amend', { applicantId: 'party:company', agents: ['u-other-agent'] }).allowed).toBe(false);
  });

  it('keeps credit flags to administrators, readable by supervisors', () => {
    expect(decide(CALLERS.platform_admin, 'credit.manage').allowed).toBe(true);
    expect(decide(CALLERS.supervisor, 'credit.manage').allowed).toBe(false);
    expect(decide(CALLERS.clerk, 'credit.read').allowed).toBe(false);
  });
});
