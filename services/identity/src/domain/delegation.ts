import { invalid, precondition, type ErrorDetail } from '@onewindow/kernel/errors';
import type { StaffMember } from './staff.js';

/**
 * AB角: an approver (the principal) names a substitute for [from, until).
 * While it is in force, tasks route to the substitute and the audit shows
 * who acted for whom.
 */
export interface Delegation {
  readonly id: string;
  readonly principalId: string;
  readonly principalUsername: string;
  readonly substituteId: string;
  readonly substituteUsername: string;
  readonly orgUnit: string;
  readonly agency: string;
  /** The role handed over: approver. */
  readonly role: 'approver';
  readonly from: string;
  readonly until: string;
  readonly reason: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt?: string;
  readonly revokedBy?: string;
}

export type DelegationStatus = 'SCHEDULED' | 'ACTIVE' | 'EXPIRED' | 'REVOKED';

export const DELEGATED_ROLE = 'approver';
/** A stand-in covers an absence, not a reorganisation. */
export const MAX_DELEGATION_DAYS = 90;
/** Clocks of the caller and the service may differ a little. */
const START_TOLERANCE_MS = 5 * 60_000;

export function delegationStatus(d: Delegation, at: Date): DelegationStatus {
  if (d.revokedAt !== undefined && Date.parse(d.revokedAt) <= at.getTime()) return 'REVOKED';
  if (at.getTime() < Date.parse(d.from)) return 'SCHEDULED';
  if (at.getTime() >= Date.parse(d.until)) return 'EXPIRED';
  return 'ACTIVE';
}

export const isInForce = (d: Delegation, at: Date): boolean => delegationStatus(d, at) === 'ACTIVE';

/** Still counts against new delegations: neither revoked nor over. */
const stillOpen = (d: Delegation, now: Date) => d.revokedAt === undefined && Date.parse(d.until) > now.getTime();
const overlaps = (a: { from: string; until: string }, b: { from: string; until: string }) =>
  Date.parse(a.from) < Date.parse(b.until) && Date.parse(b.from) < Date.parse(a.until);

export interface DelegationCandidate {
  readonly principal: StaffMember;
  readonly substitute: StaffMember | undefined;
  readonly substituteId: string;
  readonly from: string;
  readonly until: string;
  readonly reason: string;
}

export interface DelegationContext {
  /** Delegations the principal has given (any state). */
  readonly givenByPrincipal: readonly Delegation[];
  /** Delegations the substitute has given: a substitute who is away then cannot stand in. */
  readonly givenBySubstitute: readonly Delegation[];
  readonly now: Date;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The rules: the substitute exists and is enabled, is not the principal,
 * holds the approver role like the principal, at the same agency and org
 * unit; the period is well formed, not over, starts no earlier than now,
 * lasts at most 90 days, overlaps none of the principal's open delegations,
 * and the substitute is not away (delegating) during it.
 */
export function newDelegation(candidate: DelegationCandidate, context: DelegationContext, ids: { id: string; createdBy: string }): Delegation {
  const problems: ErrorDetail[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  const { principal, substitute } = candidate;
  const now = context.now.getTime();

  if (!principal.roles.includes(DELEGATED_ROLE)) problem('principalId', 'only an approver names a stand-in');
  if (!principal.enabled) problem('principalId', 'the principal is disabled');
  if (candidate.substituteId === principal.id) problem('substituteId', 'an approver cannot stand in for themselves');
  else if (!substitute) problem('substituteId', `no staff member ${candidate.substituteId}`);
  else {
    if (!substitute.enabled) problem('substituteId', 'the substitute is disabled');
    if (!substitute.roles.includes(DELEGATED_ROLE)) problem('substituteId', 'the substitute must hold the approver role');
    if (!principal.orgUnit || substitute.orgUnit !== principal.orgUnit) problem('substituteId', 'the substitute must sit in the same org unit');
    if (!principal.agency || substitute.agency !== principal.agency) problem('substituteId', 'the substitute must belong to the same agency');
  }

  const from = ISO.test(candidate.from) ? Date.parse(candidate.from) : NaN;
  const until = ISO.test(candidate.until) ? Date.parse(candidate.until) : NaN;
  if (Number.isNaN(from)) problem('from', 'an ISO 8601 instant with its offset');
  if (Number.isNaN(until)) problem('until', 'an ISO 8601 instant with its offset');
  if (!Number.isNaN(from) && !Number.isNaN(until)) {
    if (until <= from) problem('until', 'must be after from');
    else if (until - from > MAX_DELEGATION_DAYS * 86_400_000) problem('until', `a stand-in lasts at most ${MAX_DELEGATION_DAYS} days`);
    if (from < now - START_TOLERANCE_MS) problem('from', 'must not be in the past');
    const period = { from: new Date(from).toISOString(), until: new Date(until).toISOString() };
    const clash = context.givenByPrincipal.find((d) => stillOpen(d, context.now) && overlaps(d, period));
    if (clash) problem('from', `overlaps delegation ${clash.id} (${clash.from} – ${clash.until})`);
    const away = context.givenBySubstitute.find((d) => stillOpen(d, context.now) && overlaps(d, period));
    if (away) problem('substituteId', `the substitute is away then (delegation ${away.id})`);
  }
  if (candidate.reason.length > 200) problem('reason', 'at most 200 characters');

  if (problems.length > 0 || !substitute || !principal.orgUnit || !principal.agency) {
    throw invalid('DELEGATION_INVALID', 'the delegation is not valid', problems);
  }
  return {
    id: ids.id,
    principalId: principal.id,
    principalUsername: principal.username,
    substituteId: substitute.id,
    substituteUsername: substitute.username,
    orgUnit: principal.orgUnit,
    agency: principal.agency,
    role: DELEGATED_ROLE,
    from: new Date(from).toISOString(),
    until: new Date(until).toISOString(),
    reason: candidate.reason,
    createdAt: context.now.toISOString(),
    createdBy: ids.createdBy,
  };
}

/** Ends a delegation now; refused when it is already over. */
export function revokeDelegation(d: Delegation, by: string, now: Date): Delegation {
  const status = delegationStatus(d, now);
  if (status === 'REVOKED' || status === 'EXPIRED') {
    throw precondition('DELEGATION_NOT_REVOCABLE', `delegation ${d.id} is already ${status.toLowerCase()}`);
  }
  return { ...d, revokedAt: now.toISOString(), revokedBy: by };
}
