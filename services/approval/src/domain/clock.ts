import { invalid, precondition, type ErrorDetail } from '@onewindow/kernel/errors';
import type { ActorRef } from './actor.js';
import { isOpen, SUSPENSION_KINDS, type ApprovalCase, type Extension, type Suspension, type SuspensionKind, type Task } from './case.js';
import { extendCountdown, pauseCountdown, remainingOn, resumeCountdown, withDeadline, type Countdown } from './countdown.js';
import { chinaDate, MAX_LIMIT_DAYS, type WorkingDays } from './deadline.js';
import type { Change } from './facts.js';
import { REASON_MAX_CHARS } from './tasks.js';

/**
 * The case's clock (限时办结): special procedures (听证, 现场勘查, 专家评审,
 * 检验检测…) and supplement requests (补正) suspend it; resuming restores
 * exactly the working days that remained; an agency head may extend it.
 */
export interface SuspensionRequest {
  readonly kind: string;
  readonly reason: string;
  /** Working days the procedure is expected to take (0: not said). */
  readonly expectedDays: number;
}

const mapStepClocks = (tasks: readonly Task[], f: (c: Countdown) => Countdown): Task[] =>
  tasks.map((t) => (isOpen(t) && t.stepClock ? { ...t, stepClock: f(t.stepClock) } : t));

export function suspendCase(c: ApprovalCase, by: ActorRef, request: SuspensionRequest, now: Date, calendar: WorkingDays): Change<ApprovalCase> {
  const problems: ErrorDetail[] = [];
  const kind = SUSPENSION_KINDS.find((k) => k === request.kind);
  if (!kind) problems.push({ field: 'kind', message: `one of ${SUSPENSION_KINDS.join(', ')}` });
  const reason = request.reason.trim();
  if (!reason || reason.length > REASON_MAX_CHARS) problems.push({ field: 'reason', message: `the applicant is told why in writing: 1 to ${REASON_MAX_CHARS} characters` });
  if (!Number.isInteger(request.expectedDays) || request.expectedDays < 0 || request.expectedDays > MAX_LIMIT_DAYS) {
    problems.push({ field: 'expectedDays', message: `0 to ${MAX_LIMIT_DAYS} working days` });
  }
  if (problems.length > 0) throw invalid('SUSPENSION_INVALID', 'the suspension is incomplete', problems);
  if (c.status === 'DECIDED') throw precondition('CASE_ALREADY_DECIDED', 'the case is already decided');
  if (c.status === 'SUSPENDED') throw precondition('CASE_ALREADY_SUSPENDED', 'the case is already suspended');
  const today = chinaDate(now);
  const at = now.toISOString();
  const promised = pauseCountdown(calendar, c.clock.promised, today);
  const statutory = pauseCountdown(calendar, c.clock.statutory, today);
  const suspension: Suspension = {
    seq: c.clock.suspensions.length + 1,
    kind: kind as SuspensionKind,
    reason,
    expectedDays: request.expectedDays > 0 ? request.expectedDays : null,
    since: at,
    by,
    remainingPromised: promised.remaining,
    remainingStatutory: statutory.remaining,
    resumedAt: null,
    resumedBy: null,
    workingDaysSuspended: null,
  };
  return {
    case: {
      ...c,
      status: 'SUSPENDED',
      clock: { ...c.clock, promised, statutory, suspensions: [...c.clock.suspensions, suspension] },
      tasks: mapStepClocks(c.tasks, (sc) => pauseCountdown(calendar, sc, today)),
      updatedAt: at,
    },
    facts: [{ type: 'CASE_SUSPENDED', at, suspension }],
  };
}

export function resumeCase(c: ApprovalCase, by: ActorRef, now: Date, calendar: WorkingDays): Change<ApprovalCase> {
  if (c.status !== 'SUSPENDED') throw precondition('CASE_NOT_SUSPENDED', 'the case is not suspended');
  const current = c.clock.suspensions[c.clock.suspensions.length - 1];
  if (!current || current.resumedAt) throw precondition('CASE_NOT_SUSPENDED', 'no suspension is open');
  const today = chinaDate(now);
  const at = now.toISOString();
  const resumed: Suspension = {
    ...current,
    resumedAt: at,
    resumedBy: by,
    workingDaysSuspended: Math.max(0, calendar.workingDaysBetween(chinaDate(current.since), today)),
  };
  return {
    case: {
      ...c,
      status: 'IN_PROGRESS',
      clock: {
        ...c.clock,
        promised: resumeCountdown(calendar, c.clock.promised, today),
        statutory: resumeCountdown(calendar, c.clock.statutory, today),
        suspensions: c.clock.suspensions.map((s) => (s.seq === resumed.seq ? resumed : s)),
      },
      tasks: mapStepClocks(c.tasks, (sc) => resumeCountdown(calendar, sc, today)),
      updatedAt: at,
    },
    facts: [{ type: 'CASE_RESUMED', at, suspension: resumed }],
  };
}

/** The Licensing Law's extension: 10 working days, 15 for joint or centralised handling (Art. 42). */
export const statutoryExtensionDays = (c: ApprovalCase): number => c.definition.maxExtensionDays ?? (c.caseKind === 'JOINT' ? 15 : 10);

export function extendCase(c: ApprovalCase, by: ActorRef, request: { days: number; reason: string }, now: Date, calendar: WorkingDays): Change<ApprovalCase> {
  const reason = request.reason.trim();
  const granted = c.clock.extensions.reduce((sum, e) => sum + e.days, 0);
  const allowed = statutoryExtensionDays(c) - granted;
  const problems: ErrorDetail[] = [];
  if (!Number.isInteger(request.days) || request.days < 1) problems.push({ field: 'days', message: 'a whole number of working days, at least 1' });
  if (!reason || reason.length > REASON_MAX_CHARS) problems.push({ field: 'reason', message: `1 to ${REASON_MAX_CHARS} characters` });
  if (problems.length > 0) throw invalid('EXTENSION_INVALID', 'the extension is incomplete', problems);
  if (c.status === 'DECIDED') throw precondition('CASE_ALREADY_DECIDED', 'the case is already decided');
  if (request.days > allowed) {
    throw precondition('EXTENSION_TOO_LONG', `at most ${statutoryExtensionDays(c)} working days may be added in all; ${allowed} remain`);
  }
  const at = now.toISOString();
  const extension: Extension = { days: request.days, reason, approvedBy: by, at };
  return {
    case: {
      ...c,
      clock: {
        ...c.clock,
        promised: extendCountdown(calendar, c.clock.promised, request.days),
        statutory: extendCountdown(calendar, c.clock.statutory, request.days),
        extensions: [...c.clock.extensions, extension],
      },
      updatedAt: at,
    },
    facts: [{ type: 'CASE_EXTENDED', at, extension }],
  };
}

/** Green channel (绿色通道): expedited handling, shown on the case and its tasks to everyone. Marking twice changes nothing. */
export function markGreenChannel(c: ApprovalCase, by: ActorRef, reasonText: string, now: Date): Change<ApprovalCase> {
  const reason = reasonText.trim();
  if (!reason || reason.length > REASON_MAX_CHARS) throw invalid('GREEN_CHANNEL_INVALID', 'say why', [{ field: 'reason', message: `1 to ${REASON_MAX_CHARS} characters` }]);
  if (c.status === 'DECIDED') throw precondition('CASE_ALREADY_DECIDED', 'the case is already decided');
  if (c.greenChannel) return { case: c, facts: [] };
  const at = now.toISOString();
  const greenChannel = { reason, markedBy: by, markedAt: at };
  return { case: { ...c, greenChannel, updatedAt: at }, facts: [{ type: 'GREEN_CHANNEL_MARKED', at, greenChannel }] };
}

/**
 * Provisional deadlines (counted through a year with no holiday schedule)
 * are counted again once the calendar has the year.
 */
export function recountDeadlines(c: ApprovalCase, now: Date, calendar: WorkingDays): Change<ApprovalCase> {
  if (c.status !== 'IN_PROGRESS') return { case: c, facts: [] };
  const { promised, statutory } = c.clock;
  if (!promised.provisional && !statutory.provisional) return { case: c, facts: [] };
  const p = withDeadline(calendar, promised);
  const s = withDeadline(calendar, statutory);
  if (p.deadline === promised.deadline && s.deadline === statutory.deadline && p.provisional === promised.provisional && s.provisional === statutory.provisional) {
    return { case: c, facts: [] };
  }
  const at = now.toISOString();
  return {
    case: { ...c, clock: { ...c.clock, promised: p, statutory: s }, updatedAt: at },
    facts: [{ type: 'DEADLINES_RECOUNTED', at, promised: p.deadline, statutory: s.deadline, provisional: p.provisional || s.provisional }],
  };
}

/** Working days left of each limit today (frozen while suspended; the standing at the decision once decided). */
export function remainingToday(c: ApprovalCase, now: Date, calendar: WorkingDays): { promised: number; statutory: number } {
  if (c.decision) {
    // Both clocks ran over the same days: what was used of one was used of the other.
    const used = c.decision.workingDaysUsed;
    return { promised: c.clock.promised.limitDays - used, statutory: c.clock.statutory.limitDays - used };
  }
  const today = chinaDate(now);
  return { promised: remainingOn(calendar, c.clock.promised, today), statutory: remainingOn(calendar, c.clock.statutory, today) };
}
