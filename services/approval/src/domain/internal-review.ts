import { forbidden, invalid, precondition } from '@onewindow/kernel/errors';
import { subjectsOf, type ActorRef } from './actor.js';
import { replaceTask, taskOf, type ApprovalCase, type Decision, type InternalReview, type Task } from './case.js';
import { chinaDate, type WorkingDays } from './deadline.js';
import { INTERNAL_REVIEW_STEP_ID } from './definition.js';
import type { Change } from './facts.js';
import { REASON_MAX_CHARS, completedTask, taskIdFor, type ValidDecision } from './tasks.js';

/**
 * Internal review (复核) of a refusal: the applicant asks, within
 * `INTERNAL_REVIEW_WINDOW_DAYS` working days of the decision, and an
 * approver of the same role, org unit and agency as the one who refused, but
 * not that person (nor whoever they stood in for), reviews it. APPROVE
 * overturns the refusal and decides the case APPROVED in its place; REJECT
 * upholds it, with its reason.
 */
export const INTERNAL_REVIEW_WINDOW_DAYS = 15;

export function requestInternalReview(c: ApprovalCase, by: ActorRef, reasonText: string, now: Date, calendar: WorkingDays): Change<ApprovalCase> {
  const reason = reasonText.trim();
  if (!reason || reason.length > REASON_MAX_CHARS) {
    throw invalid('INTERNAL_REVIEW_INVALID', 'say why the refusal should be reviewed', [{ field: 'reason', message: `1 to ${REASON_MAX_CHARS} characters` }]);
  }
  if (c.decision?.outcome !== 'REJECTED') throw precondition('INTERNAL_REVIEW_NOT_REFUSED', 'only a refusal can be reviewed');
  if (c.internalReview) throw precondition('INTERNAL_REVIEW_EXISTS', 'an internal review was already requested for this decision');
  const elapsed = calendar.workingDaysBetween(chinaDate(c.decision.decidedAt), chinaDate(now));
  if (elapsed > INTERNAL_REVIEW_WINDOW_DAYS) {
    throw precondition('INTERNAL_REVIEW_TOO_LATE', `an internal review is requested within ${INTERNAL_REVIEW_WINDOW_DAYS} working days of the decision`);
  }
  const decidingTask = c.decision.taskId ? taskOf(c, c.decision.taskId) : undefined;
  // Who refused: everyone who completed the deciding step's round, or whoever decided at the window.
  const deciders = decidingTask
    ? c.tasks.filter((t) => t.stepId === decidingTask.stepId && t.round === decidingTask.round && t.completedBy).flatMap((t) => subjectsOf(t.completedBy!))
    : subjectsOf(c.decision.decidedBy);
  const at = now.toISOString();
  const task: Task = {
    id: taskIdFor(c.id, INTERNAL_REVIEW_STEP_ID, null, 1),
    caseId: c.id,
    stepId: INTERNAL_REVIEW_STEP_ID,
    stepName: '复核',
    kind: 'INTERNAL_REVIEW',
    partyKey: null,
    round: 1,
    role: decidingTask?.role ?? 'approver',
    orgUnit: decidingTask?.orgUnit ?? c.orgUnit,
    agency: decidingTask?.agency ?? c.agency,
    status: 'OPEN',
    createdAt: at,
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
    stepClock: null,
    excludedSubjects: [...new Set(deciders)],
  };
  const review: InternalReview = { status: 'PENDING', reason, requestedAt: at, taskId: task.id, decidedAt: null, decidedBy: null, opinion: null };
  return {
    case: { ...c, tasks: [...c.tasks, task], internalReview: review, updatedAt: at },
    facts: [
      { type: 'INTERNAL_REVIEW_REQUESTED', at, review, by },
      { type: 'TASK_CREATED', at, task },
    ],
  };
}

export function decideInternalReview(
  c: ApprovalCase,
  task: Task,
  by: ActorRef,
  decision: ValidDecision,
  now: Date,
): Change<ApprovalCase> {
  if (!c.internalReview || c.internalReview.status !== 'PENDING') throw precondition('INTERNAL_REVIEW_NOT_PENDING', 'no internal review is pending');
  if (decision.outcome === 'RETURN') throw precondition('INTERNAL_REVIEW_NO_RETURN', 'an internal review is upheld (REJECT) or overturned (APPROVE)');
  if (subjectsOf(by).some((s) => task.excludedSubjects.includes(s))) {
    throw forbidden('INTERNAL_REVIEW_SAME_APPROVER', 'an internal review is handled by an approver other than the one who decided');
  }
  const at = now.toISOString();
  const done = completedTask(task, by, decision, at);
  const overturned = decision.outcome === 'APPROVE';
  const review: InternalReview = {
    ...c.internalReview,
    status: overturned ? 'OVERTURNED' : 'UPHELD',
    decidedAt: at,
    decidedBy: by,
    opinion: decision.opinion,
  };
  const reviewed: Change<ApprovalCase> = {
    case: { ...replaceTask(c, done), internalReview: review, updatedAt: at },
    facts: [
      { type: 'TASK_COMPLETED', at, task: done, by },
      { type: 'INTERNAL_REVIEW_DECIDED', at, review, legalBasis: decision.legalBasis },
    ],
  };
  return overturned ? approvedOnReview(reviewed, done, by, decision, at) : reviewed;
}

/**
 * The review overturned the refusal: the case is now decided APPROVED by the
 * reviewer, in place of the refusal, and announced like any decision (so the
 * licence is issued and intake reopens the case to wait for it). The case was
 * handled against its time limits up to the refusal; the review does not
 * change how it stood, so the refusal's working days and timeliness carry over.
 */
function approvedOnReview(reviewed: Change<ApprovalCase>, task: Task, by: ActorRef, decision: ValidDecision, at: string): Change<ApprovalCase> {
  const refusal = reviewed.case.decision!;
  const approval: Decision = {
    ...refusal,
    outcome: 'APPROVED',
    opinion: decision.opinion,
    legalBasis: [...decision.legalBasis],
    decidedAt: at,
    decidedBy: by,
    taskId: task.id,
    instant: false,
  };
  return {
    case: { ...reviewed.case, decision: approval },
    facts: [...reviewed.facts, { type: 'CASE_DECIDED', at, decision: approval, overturns: refusal }],
  };
}
