import { forbidden, invalid, precondition, type ErrorDetail } from '@onewindow/kernel';
import type { Deadline } from './deadline.js';

/**
 * A task in a staff inbox: one step of a case's workflow, for one role in one
 * org unit. The walking skeleton has a single step (`review`) done by an
 * approver, who decides the case.
 *
 *   OPEN ──claim──► CLAIMED ──complete──► DONE
 *     └──────────complete (claims implicitly)──┘
 */
export type TaskStatus = 'OPEN' | 'CLAIMED' | 'DONE';
export const TASK_STATUSES: readonly TaskStatus[] = ['OPEN', 'CLAIMED', 'DONE'];

export type TaskOutcome = 'APPROVE' | 'REJECT';

export const REVIEW_STEP = 'review';
export const APPROVER_ROLE = 'approver';

/** The staff member acting on a task. */
export interface Actor {
  /** The token subject: what `assignee` holds and authorization compares. */
  readonly subject: string;
  readonly username: string;
}

export interface Task {
  /** `${caseId}:${step}`: one task per step of a case, so a redelivered event finds it. */
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicantId: string;
  readonly applicantName: string;
  /** Null when the item produces no licence. */
  readonly resultLicenceType: string | null;
  readonly step: string;
  readonly role: string;
  readonly orgUnit: string;
  readonly agency: string;
  readonly acceptedAt: string;
  readonly promisedDeadline: Deadline;
  readonly statutoryDeadline: Deadline;
  readonly status: TaskStatus;
  readonly createdAt: string;
  /** Subject of the staff member holding the task. */
  readonly assignee: string | null;
  readonly claimedAt: string | null;
  readonly completedAt: string | null;
  /** Username of the staff member who completed it. */
  readonly completedBy: string | null;
  readonly outcome: TaskOutcome | null;
  readonly opinion: string | null;
  readonly legalBasis: readonly string[];
}

/** What the review task is opened from: the accepted case. */
/** A task once decided: the decision fields are set. */
export type DoneTask = Task & {
  readonly status: 'DONE';
  readonly outcome: TaskOutcome;
  readonly opinion: string;
  readonly completedAt: string;
  readonly completedBy: string;
};

export interface AcceptedCase {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicantId: string;
  readonly applicantName: string;
  readonly resultLicenceType: string | null;
  readonly orgUnit: string;
  readonly agency: string;
  readonly acceptedAt: string;
}

export interface Decision {
  readonly outcome: TaskOutcome | null;
  readonly opinion: string;
  readonly legalBasis: readonly string[];
}

export const OPINION_MAX_CHARS = 2000;
export const LEGAL_BASIS_MAX_ENTRIES = 20;
export const LEGAL_BASIS_MAX_CHARS = 200;

export const taskIdFor = (caseId: string, step: string): string => `${caseId}:${step}`;

export function openReviewTask(
  accepted: AcceptedCase,
  deadlines: { readonly promised: Deadline; readonly statutory: Deadline },
  now: Date,
): Task {
  if (!accepted.orgUnit.trim()) throw invalid('TASK_ORG_UNIT_REQUIRED', 'the accepted case names no org unit');
  return {
    id: taskIdFor(accepted.caseId, REVIEW_STEP),
    caseId: accepted.caseId,
    caseNumber: accepted.caseNumber,
    itemCode: accepted.itemCode,
    itemName: accepted.itemName,
    applicantId: accepted.applicantId,
    applicantName: accepted.applicantName,
    resultLicenceType: accepted.resultLicenceType,
    step: REVIEW_STEP,
    role: APPROVER_ROLE,
    orgUnit: accepted.orgUnit,
    agency: accepted.agency,
    acceptedAt: accepted.acceptedAt,
    promisedDeadline: deadlines.promised,
    statutoryDeadline: deadlines.statutory,
    status: 'OPEN',
    createdAt: now.toISOString(),
    assignee: null,
    claimedAt: null,
    completedAt: null,
    completedBy: null,
    outcome: null,
    opinion: null,
    legalBasis: [],
  };
}

/** OPEN → CLAIMED by the actor. Claiming one's own claimed task again changes nothing. */
export function claimTask(task: Task, actor: Actor, now: Date): Task {
  if (task.status === 'DONE') throw precondition('TASK_WRONG_STATE', 'the task is already done');
  if (task.status === 'CLAIMED') {
    if (task.assignee === actor.subject) return task;
    throw precondition('TASK_ALREADY_CLAIMED', 'the task is claimed by someone else');
  }
  return { ...task, status: 'CLAIMED', assignee: actor.subject, claimedAt: now.toISOString() };
}

/**
 * Decides the task. An open task is claimed by the actor on the way; someone
 * else's task is never completed; a decision always carries an opinion, so
 * a refusal always says why.
 */
export function completeTask(task: Task, actor: Actor, decision: Decision, now: Date): DoneTask {
  if (task.status === 'DONE') throw precondition('TASK_WRONG_STATE', 'the task is already done');
  if (task.status === 'CLAIMED' && task.assignee !== actor.subject) {
    throw forbidden('TASK_CLAIMED_BY_OTHER', 'the task is claimed by someone else');
  }
  const valid = validateDecision(decision);
  const claimed = claimTask(task, actor, now);
  return {
    ...claimed,
    status: 'DONE',
    completedAt: now.toISOString(),
    completedBy: actor.username,
    outcome: valid.outcome,
    opinion: valid.opinion,
    legalBasis: valid.legalBasis,
  };
}

/** Trims the decision and reports every problem at once. */
export function validateDecision(decision: Decision): {
  outcome: TaskOutcome;
  opinion: string;
  legalBasis: string[];
} {
  const opinion = decision.opinion.trim();
  const legalBasis = [...new Set(decision.legalBasis.map((b) => b.trim()).filter(Boolean))];
  const problems: ErrorDetail[] = [];
  if (decision.outcome === null) problems.push({ field: 'outcome', message: 'APPROVE or REJECT is required' });
  if (!opinion) {
    problems.push({
      field: 'opinion',
      message: decision.outcome === 'REJECT' ? 'a refusal must state its reason' : 'an opinion is required',
    });
  }
  if (opinion.length > OPINION_MAX_CHARS) problems.push({ field: 'opinion', message: `at most ${OPINION_MAX_CHARS} characters` });
  if (legalBasis.length > LEGAL_BASIS_MAX_ENTRIES) {
    problems.push({ field: 'legalBasis', message: `at most ${LEGAL_BASIS_MAX_ENTRIES} entries` });
  }
  if (legalBasis.some((b) => b.length > LEGAL_BASIS_MAX_CHARS)) {
    problems.push({ field: 'legalBasis', message: `each entry at most ${LEGAL_BASIS_MAX_CHARS} characters` });
  }
  if (problems.length > 0 || decision.outcome === null) {
    throw invalid('TASK_DECISION_INVALID', 'the decision is incomplete or too long', problems);
  }
  return { outcome: decision.outcome, opinion, legalBasis };
}

export function parseTaskStatus(value: string): TaskStatus {
  if (value === '') return 'OPEN';
  const status = TASK_STATUSES.find((s) => s === value);
  if (!status) {
    throw invalid('TASK_STATUS_INVALID', `status must be one of ${TASK_STATUSES.join(', ')}`, [
      { field: 'status', message: `unknown status "${value.slice(0, 32)}"` },
    ]);
  }
  return status;
}
