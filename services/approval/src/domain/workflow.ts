import { precondition } from '@onewindow/kernel/errors';
import { SYSTEM, type ActorRef } from './actor.js';
import {
  currentEntry,
  isOpen,
  replaceTask,
  type ApprovalCase,
  type Decision,
  type PathEntry,
  type Task,
} from './case.js';
import { remainingOn, startCountdown } from './countdown.js';
import { chinaDate, wholeDays, type WorkingDays } from './deadline.js';
import { isEndState, stepOf, type EndState, type JointStep, type Step, type WorkflowDefinition } from './definition.js';
import type { Change, Fact } from './facts.js';
import { evaluateInstantApproval, type CaseFacts } from './instant-approval.js';
import { decideInternalReview } from './internal-review.js';
import { assertMayComplete, completedTask, newTask, openTaskOf, validateDecision, type DecisionInput } from './tasks.js';

/** What approval is told when a case is accepted (intake's case.accepted). */
export interface AcceptedCase {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicantId: string;
  readonly applicantName: string;
  readonly hall: string;
  readonly orgUnit: string;
  readonly agency: string;
  readonly caseKind: string;
  readonly acceptedAt: string;
  readonly statutoryLimitDays: number;
  readonly promisedLimitDays: number;
  readonly fee: { readonly amountFen: number } | null;
  readonly resultLicenceType: string | null;
}

/** An immediate case (即办件) the clerk decided at the window together with the acceptance. */
export interface WindowDecision {
  readonly decision: EndState;
  readonly opinion: string;
  readonly legalBasis: readonly string[];
  readonly decidedBy: string;
}

export const caseFacts = (a: AcceptedCase): CaseFacts => ({
  itemCode: a.itemCode,
  caseKind: a.caseKind,
  orgUnit: a.orgUnit,
  hall: a.hall,
  agency: a.agency,
  feeAmountFen: a.fee?.amountFen ?? null,
  promisedLimitDays: a.promisedLimitDays,
  statutoryLimitDays: a.statutoryLimitDays,
});

/**
 * Opens the case's workflow: starts the promised and statutory clocks from
 * the acceptance date, then either approves it on the spot (every instant
 * approval rule holds) or opens the tasks of the first step.
 */
export function openCase(
  accepted: AcceptedCase,
  definition: WorkflowDefinition,
  calendar: WorkingDays,
  now: Date,
  windowDecision: WindowDecision | null = null,
): Change<ApprovalCase> {
  const startDate = chinaDate(accepted.acceptedAt);
  const at = now.toISOString();
  const opened: ApprovalCase = {
    id: accepted.caseId,
    caseNumber: accepted.caseNumber,
    itemCode: accepted.itemCode,
    itemName: accepted.itemName,
    applicantId: accepted.applicantId,
    applicantName: accepted.applicantName,
    hall: accepted.hall,
    orgUnit: accepted.orgUnit,
    agency: accepted.agency,
    caseKind: accepted.caseKind,
    resultLicenceType: accepted.resultLicenceType,
    feeAmountFen: accepted.fee?.amountFen ?? null,
    statutoryLimitDays: accepted.statutoryLimitDays,
    promisedLimitDays: accepted.promisedLimitDays,
    acceptedAt: accepted.acceptedAt,
    definition,
    status: 'IN_PROGRESS',
    path: [],
    tasks: [],
    clock: {
      startDate,
      promised: startCountdown(calendar, startDate, wholeDays(accepted.promisedLimitDays)),
      statutory: startCountdown(calendar, startDate, wholeDays(accepted.statutoryLimitDays)),
      suspensions: [],
      extensions: [],
    },
    warnings: [],
    greenChannel: null,
    instant: null,
    decision: null,
    internalReview: null,
    timeline: [],
    updatedAt: at,
  };
  if (windowDecision) {
    // 即办件 decided at the window with the acceptance: recorded as decided, no task opened.
    const by = { subject: windowDecision.decidedBy, username: windowDecision.decidedBy, onBehalfOf: null };
    const source = { opinion: windowDecision.opinion, legalBasis: windowDecision.legalBasis, by, taskId: null, instant: false };
    const decided = decide(opened, windowDecision.decision, source, now, calendar);
    return { case: decided.case, facts: [{ type: 'CASE_OPENED', at, definitionVersion: definition.version, instant: null }, ...decided.facts] };
  }
  const instant = definition.instantApproval;
  const verdict = instant ? evaluateInstantApproval(instant, caseFacts(accepted)) : null;
  const withVerdict = { ...opened, instant: verdict };
  const facts: Fact[] = [{ type: 'CASE_OPENED', at, definitionVersion: definition.version, instant: verdict }];
  if (instant && verdict?.approved) {
    const decided = decide(withVerdict, 'APPROVED', { opinion: instant.opinion, legalBasis: instant.legalBasis, by: SYSTEM, taskId: null, instant: true }, now, calendar);
    return { case: decided.case, facts: [...facts, ...decided.facts] };
  }
  const started = enterStep(withVerdict, definition.start, null, now, calendar);
  return { case: started.case, facts: [...facts, ...started.facts] };
}

const roundOf = (c: ApprovalCase, stepId: string): number => c.path.filter((e) => e.stepId === stepId).length + 1;

function stepOrFail(definition: WorkflowDefinition, id: string): Step {
  const step = stepOf(definition, id);
  if (!step) throw precondition('WORKFLOW_STEP_MISSING', `the workflow has no step "${id}"`);
  return step;
}

/** Opens the tasks of a step: one, one per participant (JOINT), or one per branch (FAN_OUT). */
export function enterStep(c: ApprovalCase, stepId: string, from: string | null, now: Date, calendar: WorkingDays): Change<ApprovalCase> {
  const step = stepOrFail(c.definition, stepId);
  const round = roundOf(c, stepId);
  const at = now.toISOString();
  const entry: PathEntry = { stepId, round, from, enteredAt: at, outcome: null };
  const tasks =
    step.kind === 'TASK'
      ? [newTask(c, step, 'STEP', null, round, now, calendar)]
      : step.kind === 'JOINT'
        ? step.participants.map((p) => newTask(c, step, 'PARTICIPANT', p, round, now, calendar))
        : step.branches.map((b) => newTask(c, step, 'BRANCH', b, round, now, calendar));
  return {
    case: { ...c, path: [...c.path, entry], tasks: [...c.tasks, ...tasks], updatedAt: at },
    facts: tasks.map((task) => ({ type: 'TASK_CREATED', at, task })),
  };
}

/**
 * A staff member's decision on a task. Completing a step's last open task
 * moves the case along the step's edge for the outcome; an end state decides
 * the case. RETURN sends the case back (see `returnTask`).
 */
export function completeTask(c: ApprovalCase, taskId: string, by: ActorRef, input: DecisionInput, now: Date, calendar: WorkingDays): Change<ApprovalCase> {
  const task = openTaskOf(c, taskId);
  assertMayComplete(task, by);
  const decision = validateDecision(input);
  if (task.kind === 'INTERNAL_REVIEW') return decideInternalReview(c, task, by, decision, now);
  if (c.status === 'SUSPENDED') throw precondition('CASE_SUSPENDED', 'the case is suspended: resume it before deciding');
  if (c.status === 'DECIDED') throw precondition('CASE_ALREADY_DECIDED', 'the case is already decided');
  if (decision.outcome === 'RETURN') return returnTask(c, task, by, decision.opinion, now, calendar);

  const step = stepOrFail(c.definition, task.stepId);
  if (task.kind === 'LEAD' && decision.outcome === 'APPROVE' && refusingParticipants(c, task).length > 0) {
    throw precondition(
      'JOINT_PARTICIPANT_REFUSED',
      'a participating agency refused: the combined outcome of a joint review is a refusal (the lead may refuse, stating the reasons, or return it to the participants)',
    );
  }
  const at = now.toISOString();
  const done = completedTask(task, by, decision, at);
  const after = { ...replaceTask(c, done), updatedAt: at };
  const completed: Fact = { type: 'TASK_COMPLETED', at, task: done, by };
  const next = afterCompletion(after, step, done, by, now, calendar);
  return { case: next.case, facts: [completed, ...next.facts] };
}

/** What follows a completed task: wait for the others of its step, open the lead's task, or take the step's edge. */
export function afterCompletion(c: ApprovalCase, step: Step, done: Task, by: ActorRef, now: Date, calendar: WorkingDays): Change<ApprovalCase> {
  const siblings = c.tasks.filter((t) => t.stepId === step.id && t.round === done.round && t.kind === done.kind);
  if (siblings.some(isOpen)) return { case: c, facts: [] };
  const at = now.toISOString();
  switch (done.kind) {
    case 'PARTICIPANT': {
      const lead = newTask(c, step, 'LEAD', (step as JointStep).lead, done.round, now, calendar);
      return { case: { ...c, tasks: [...c.tasks, lead], updatedAt: at }, facts: [{ type: 'TASK_CREATED', at, task: lead }] };
    }
    case 'LEAD': {
      const refusals = refusingParticipants(c, done);
      const opinion = refusals.length > 0 ? `${done.opinion ?? ''}（${refusals.map((t) => `${t.agency}：${t.opinion ?? ''}`).join('；')}）` : (done.opinion ?? '');
      const legalBasis = [...new Set([...done.legalBasis, ...refusals.flatMap((t) => t.legalBasis)])];
      return takeEdge(c, step, done.outcome === 'APPROVE' ? 'APPROVE' : 'REJECT', { opinion, legalBasis, by, taskId: done.id }, now, calendar);
    }
    case 'BRANCH': {
      const refused = siblings.filter((t) => t.outcome !== 'APPROVE');
      const outcome = refused.length === 0 ? 'APPROVE' : 'REJECT';
      const opinion =
        outcome === 'APPROVE'
          ? siblings.map((t) => `${t.stepName}：${t.opinion ?? ''}`).join('；')
          : `一件事中下列事项不予办理：${refused.map((t) => `${t.stepName}（${t.agency}）：${t.opinion ?? ''}`).join('；')}`;
      const legalBasis = [...new Set(siblings.flatMap((t) => t.legalBasis))];
      return takeEdge(c, step, outcome, { opinion, legalBasis, by, taskId: done.id }, now, calendar);
    }
    case 'STEP':
      return takeEdge(c, step, done.outcome === 'APPROVE' ? 'APPROVE' : 'REJECT', { opinion: done.opinion ?? '', legalBasis: done.legalBasis, by, taskId: done.id }, now, calendar);
    case 'INTERNAL_REVIEW':
      return { case: c, facts: [] };
  }
}

/** The participants of the lead task's round who did not approve: their refusal binds the combined outcome. */
function refusingParticipants(c: ApprovalCase, lead: Task): Task[] {
  return c.tasks.filter((t) => t.stepId === lead.stepId && t.round === lead.round && t.kind === 'PARTICIPANT' && t.status === 'DONE' && t.outcome === 'REJECT');
}

interface DecisionSource {
  readonly opinion: string;
  readonly legalBasis: readonly string[];
  readonly by: ActorRef;
  readonly taskId: string | null;
}

function takeEdge(c: ApprovalCase, step: Step, outcome: 'APPROVE' | 'REJECT', source: DecisionSource, now: Date, calendar: WorkingDays): Change<ApprovalCase> {
  const path = c.path.map((e, i) => (i === c.path.length - 1 ? { ...e, outcome } : e));
  const moved = { ...c, path };
  const target = outcome === 'APPROVE' ? step.onApprove : step.onReject;
  if (isEndState(target)) return decide(moved, target, { ...source, instant: false }, now, calendar);
  return enterStep(moved, target, step.id, now, calendar);
}

/** The case reaches an end state: the decision, with how it stood against its promised limit. */
export function decide(
  c: ApprovalCase,
  end: EndState,
  source: DecisionSource & { readonly instant: boolean },
  now: Date,
  calendar: WorkingDays,
): Change<ApprovalCase> {
  const at = now.toISOString();
  const remaining = remainingOn(calendar, c.clock.promised, chinaDate(now));
  const decision: Decision = {
    outcome: end,
    opinion: source.opinion,
    legalBasis: [...source.legalBasis],
    decidedAt: at,
    decidedBy: source.by,
    taskId: source.taskId,
    instant: source.instant,
    workingDaysUsed: c.clock.promised.limitDays - remaining,
    onTime: remaining >= 0,
    early: remaining > 0,
  };
  const leftOpen = c.tasks.filter(isOpen);
  const tasks = c.tasks.map((t) => (isOpen(t) ? { ...t, status: 'CANCELLED' as const } : t));
  const cancelled: Fact[] = leftOpen.map((t) => ({ type: 'TASK_CANCELLED', at, task: { ...t, status: 'CANCELLED' }, reason: 'case decided' }));
  return {
    case: { ...c, tasks, status: 'DECIDED', decision, updatedAt: at },
    facts: [...cancelled, { type: 'CASE_DECIDED', at, decision }],
  };
}

/**
 * Sends the case back with a reason. From a joint review's lead task: back to
 * the participants (a new round). From any other task: back to the step
 * whose outcome led here; the first step has nowhere to go back to.
 * The other open tasks of the step are cancelled.
 */
export function returnTask(c: ApprovalCase, task: Task, by: ActorRef, reason: string, now: Date, calendar: WorkingDays): Change<ApprovalCase> {
  const entry = currentEntry(c);
  if (!entry || entry.stepId !== task.stepId) throw precondition('TASK_RETURN_STALE', 'the task is not at the case’s current step');
  const backTo = task.kind === 'LEAD' ? { stepId: entry.stepId, from: entry.from } : previousOf(c, entry);
  if (!backTo) throw precondition('TASK_RETURN_NO_PREVIOUS', 'the first step has no previous step to return to');
  const at = now.toISOString();
  const returned: Task = { ...task, status: 'RETURNED', completedAt: at, completedBy: by, outcome: 'RETURN', opinion: reason };
  const others = c.tasks.filter((t) => t.id !== task.id && t.stepId === task.stepId && t.round === task.round && isOpen(t));
  const cancelledIds = new Set(others.map((t) => t.id));
  const tasks = c.tasks.map((t) => (t.id === task.id ? returned : cancelledIds.has(t.id) ? { ...t, status: 'CANCELLED' as const } : t));
  const path = c.path.map((e, i) => (i === c.path.length - 1 ? { ...e, outcome: 'RETURNED' as const } : e));
  const facts: Fact[] = [
    { type: 'TASK_RETURNED', at, task: returned, by, toStep: backTo.stepId, reason },
    ...others.map((t): Fact => ({ type: 'TASK_CANCELLED', at, task: { ...t, status: 'CANCELLED' }, reason: `returned to ${backTo.stepId}` })),
  ];
  const reentered = enterStep({ ...c, tasks, path, updatedAt: at }, backTo.stepId, backTo.from, now, calendar);
  return { case: reentered.case, facts: [...facts, ...reentered.facts] };
}

function previousOf(c: ApprovalCase, entry: PathEntry): { stepId: string; from: string | null } | null {
  if (entry.from === null) return null;
  const earlier = [...c.path].reverse().find((e) => e.stepId === entry.from);
  return { stepId: entry.from, from: earlier?.from ?? null };
}
