import { forbidden, invalid, precondition, type ErrorDetail } from '@onewindow/kernel/errors';
import { actingSubject, subjectsOf, type ActorRef, type Person } from './actor.js';
import { isOpen, replaceTask, taskOf, type ApprovalCase, type Task, type TaskKind, type TaskOutcome } from './case.js';
import { startCountdown } from './countdown.js';
import { chinaDate, type WorkingDays } from './deadline.js';
import { STAFF_ROLES, type Party, type StaffRole, type Step } from './definition.js';
import { orgUnitAt } from './division.js';
import type { Change } from './facts.js';

export const OPINION_MAX_CHARS = 2000;
export const REASON_MAX_CHARS = 500;
export const LEGAL_BASIS_MAX_ENTRIES = 20;
export const LEGAL_BASIS_MAX_CHARS = 200;

export function taskIdFor(caseId: string, stepId: string, partyKey: string | null, round: number): string {
  return `${caseId}:${stepId}${partyKey ? `.${partyKey}` : ''}${round > 1 ? `.r${round}` : ''}`;
}

/** A new task of a step for a party (participant, branch, lead) or the step itself, with its per-step clock. */
export function newTask(
  c: ApprovalCase,
  step: Step,
  kind: TaskKind,
  party: Party | null,
  round: number,
  now: Date,
  calendar: WorkingDays,
): Task {
  const agency = party?.agency ?? (step.kind === 'TASK' ? step.agency : null) ?? c.agency;
  return {
    id: taskIdFor(c.id, step.id, party?.key ?? null, round),
    caseId: c.id,
    stepId: step.id,
    stepName: stepNameOf(step, kind, party),
    kind,
    partyKey: party?.key ?? null,
    round,
    role: step.role,
    orgUnit: orgUnitAt(c.orgUnit, step.level),
    agency,
    status: 'OPEN',
    createdAt: now.toISOString(),
    assignee: null,
    assigneeName: null,
    claimedAt: null,
    claimedBy: null,
    completedAt: null,
    completedBy: null,
    outcome: null,
    opinion: null,
    legalBasis: [],
    deemed: false,
    stepClock: step.limitDays === null ? null : startCountdown(calendar, chinaDate(now), step.limitDays),
    excludedSubjects: [],
  };
}

/** A branch of a bundle is its item; a participant's task names its part of the joint review. */
function stepNameOf(step: Step, kind: TaskKind, party: Party | null): string {
  if (kind === 'BRANCH') return party?.name ?? `${step.name}（${party?.agency ?? ''}）`;
  if (kind === 'LEAD') return `${step.name}（牵头汇总）`;
  return party?.name ? `${step.name}（${party.name}）` : step.name;
}

/** The open task, or the error that says why it cannot be acted on. */
export function openTaskOf(c: ApprovalCase, taskId: string): Task {
  const task = taskOf(c, taskId);
  if (!task) throw precondition('TASK_NOT_FOUND', `no task ${taskId}`);
  if (!isOpen(task)) throw precondition('TASK_WRONG_STATE', `the task is ${task.status.toLowerCase()}`);
  return task;
}

/** Internal review goes to someone other than who decided. */
export function assertNotExcluded(task: Task, by: ActorRef): void {
  if (subjectsOf(by).some((s) => task.excludedSubjects.includes(s))) {
    throw forbidden('INTERNAL_REVIEW_SAME_APPROVER', 'an internal review is handled by an approver other than the one who decided');
  }
}

/** OPEN → CLAIMED in the name of the actor (or of the person they stand in for). Claiming again changes nothing. */
export function claimTask(c: ApprovalCase, taskId: string, by: ActorRef, now: Date): Change<ApprovalCase> {
  const task = openTaskOf(c, taskId);
  assertNotExcluded(task, by);
  const holder = actingSubject(by);
  if (task.status === 'CLAIMED') {
    if (task.assignee === holder) return { case: c, facts: [] };
    throw precondition('TASK_ALREADY_CLAIMED', 'the task is claimed by someone else');
  }
  const at = now.toISOString();
  const claimed: Task = {
    ...task,
    status: 'CLAIMED',
    assignee: holder,
    assigneeName: by.onBehalfOf?.username ?? by.username,
    claimedAt: at,
    claimedBy: by,
  };
  return { case: { ...replaceTask(c, claimed), updatedAt: at }, facts: [{ type: 'TASK_CLAIMED', at, task: claimed, by }] };
}

export interface Reassignment {
  /** A named staff member, who then holds the task. */
  readonly to: Person | null;
  /** A role's pool (e.g. section_chief): the task goes back to OPEN for that role. */
  readonly toRole: string | null;
  readonly reason: string;
}

/** Moves an open task to a person or to another role's pool, with a reason; audited. */
export function reassignTask(c: ApprovalCase, taskId: string, by: ActorRef, request: Reassignment, now: Date, automatic = false): Change<ApprovalCase> {
  const task = openTaskOf(c, taskId);
  const reason = request.reason.trim();
  const problems: ErrorDetail[] = [];
  if (!reason || reason.length > REASON_MAX_CHARS) problems.push({ field: 'reason', message: `a reassignment states its reason, 1 to ${REASON_MAX_CHARS} characters` });
  const role = request.toRole ? STAFF_ROLES.find((r) => r === request.toRole) : undefined;
  if (request.toRole && !role) problems.push({ field: 'toRole', message: `one of ${STAFF_ROLES.join(', ')}` });
  if (!request.to && !request.toRole) problems.push({ field: 'toAssignee', message: 'name a staff member or a role' });
  if (request.to && (!request.to.subject.trim() || request.to.subject.length > 128)) problems.push({ field: 'toAssignee', message: '1 to 128 characters' });
  if (problems.length > 0) throw invalid('TASK_REASSIGNMENT_INVALID', 'the reassignment is incomplete', problems);
  const at = now.toISOString();
  const toRole: StaffRole = role ?? task.role;
  const moved: Task = request.to
    ? { ...task, role: toRole, status: 'CLAIMED', assignee: request.to.subject, assigneeName: request.to.username || request.to.subject, claimedAt: at, claimedBy: null }
    : { ...task, role: toRole, status: 'OPEN', assignee: null, assigneeName: null, claimedAt: null, claimedBy: null };
  return {
    case: { ...replaceTask(c, moved), updatedAt: at },
    facts: [{ type: 'TASK_REASSIGNED', at, task: moved, by, fromAssignee: task.assigneeName, fromRole: task.role, reason, automatic }],
  };
}

export interface DecisionInput {
  /** Null when the caller sent none (refused). */
  readonly outcome: TaskOutcome | null;
  readonly opinion: string;
  readonly legalBasis: readonly string[];
}

/** A decision as `validateDecision` returns it. */
export interface ValidDecision {
  readonly outcome: TaskOutcome;
  readonly opinion: string;
  readonly legalBasis: string[];
}

/** The task done by `by`: one completed without a claim is recorded as claimed and held by whoever completed it. */
export function completedTask(task: Task, by: ActorRef, decision: ValidDecision, at: string): Task {
  return {
    ...task,
    status: 'DONE',
    assignee: task.assignee ?? actingSubject(by),
    assigneeName: task.assigneeName ?? by.onBehalfOf?.username ?? by.username,
    claimedAt: task.claimedAt ?? at,
    claimedBy: task.claimedBy ?? by,
    completedAt: at,
    completedBy: by,
    outcome: decision.outcome,
    opinion: decision.opinion,
    legalBasis: decision.legalBasis,
  };
}

/** Trims the decision and reports every problem at once: a refusal and a return always state their reason. */
export function validateDecision(decision: DecisionInput): ValidDecision {
  const opinion = decision.opinion.trim();
  const legalBasis = [...new Set(decision.legalBasis.map((b) => b.trim()).filter(Boolean))];
  const problems: ErrorDetail[] = [];
  if (decision.outcome === null) problems.push({ field: 'outcome', message: 'APPROVE, REJECT or RETURN is required' });
  if (!opinion) {
    const message =
      decision.outcome === 'REJECT' ? 'a refusal must state its reason' : decision.outcome === 'RETURN' ? 'a return must state its reason' : 'an opinion is required';
    problems.push({ field: 'opinion', message });
  }
  if (opinion.length > OPINION_MAX_CHARS) problems.push({ field: 'opinion', message: `at most ${OPINION_MAX_CHARS} characters` });
  if (legalBasis.length > LEGAL_BASIS_MAX_ENTRIES) problems.push({ field: 'legalBasis', message: `at most ${LEGAL_BASIS_MAX_ENTRIES} entries` });
  if (legalBasis.some((b) => b.length > LEGAL_BASIS_MAX_CHARS)) {
    problems.push({ field: 'legalBasis', message: `each entry at most ${LEGAL_BASIS_MAX_CHARS} characters` });
  }
  if (problems.length > 0 || decision.outcome === null) throw invalid('TASK_DECISION_INVALID', 'the decision is incomplete or too long', problems);
  return { outcome: decision.outcome, opinion, legalBasis };
}

/** Someone else's claimed task is never completed. */
export function assertMayComplete(task: Task, by: ActorRef): void {
  if (task.status === 'CLAIMED' && task.assignee !== actingSubject(by)) {
    throw forbidden('TASK_CLAIMED_BY_OTHER', 'the task is claimed by someone else');
  }
  assertNotExcluded(task, by);
}
