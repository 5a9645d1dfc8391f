import { describe, expect, it } from 'vitest';
import { DomainError } from '@onewindow/kernel';
import { ACTIONS, authorize, decide, type Action, type ResourceScope } from './policy.js';
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
  agency_head: principal({ subject: 'u-head', roles: ['agency_head'], orgUnit: '510100' }),
  supervisor: principal({ subject: 'u-supervisor', roles: ['supervisor'], orgUnit: '510100' }),
  hall_admin: principal({ subject: 'u-hall-admin', roles: ['hall_admin'], hall: 'hall-510100-01', orgUnit: '510100' }),
  platform_admin: principal({ subject: 'u-admin', roles: ['platform_admin'] }),
  partner: principal({ subject: 'sa-partner', roles: ['partner'], clientId: 'partner-demo' }),
  service: principal({ subject: 'sa-services', roles: ['service'], clientId: 'onewindow-services' }),
};

type Ownership = 'own' | 'other' | 'none';

/** Every scope field names the caller: their id, hall, org unit, an approver task they hold, a case routed to them. */
function ownScope(p: Principal): ResourceScope {
  return {
    applicantId: p.subject,
    hall: p.hall,
    orgUnit: p.orgUnit,
    role: 'approver',
    assignee: p.subject,
    routedToPartner: p.clientId,
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

/** The whole "yes" side of the matrix, written out by hand; everything else is a "no". */
const ALLOWED = new Set<string>([
  ...ROLES.flatMap((role) => grants(role, ['identity.me'], ALL)),
  ...grants('applicant', ['case.submit', 'case.read', 'case.list', 'licence.read', 'bill.read', 'message.read'], ['own']),
  ...grants('clerk', ['case.read', 'case.list', 'case.accept'], ['own']),
  ...grants('approver', ['task.list', 'task.claim', 'task.complete'], ['own']),
  ...grants('supervisor', READS, ALL),
  ...grants('platform_admin', [...READS, 'partner.list'], ALL),
  ...grants('partner', ['case.list', 'case.read'], ['own']),
  ...grants('service', [...READS, 'partner.list'], ALL),
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

  it('gives a caller without roles nothing but identity.me', () => {
    const nobody = principal({ subject: 'u-nobody', roles: [] });
    for (const action of ACTIONS) {
      expect(decide(nobody, action, ownScope(nobody)).allowed, action).toBe(action === 'identity.me');
    }
    expect(decide(nobody, 'case.read').reason).toBe('no role of the caller grants case.read');
  });

  it('throws a kernel DomainError', () => {
    expect(() => authorize(CALLERS.supervisor, 'case.accept')).toThrow(DomainError);
  });
});
