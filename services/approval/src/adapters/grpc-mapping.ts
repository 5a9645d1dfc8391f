import { approvalV1 } from '@onewindow/contracts';
import { actorLabel, type ActorRef } from '../domain/actor.js';
import type { ApprovalCase, Task, TaskOutcome } from '../domain/case.js';
import type { Countdown } from '../domain/countdown.js';
import type { Party, WorkflowDefinition, WorkflowDraft } from '../domain/definition.js';
import type { OverviewRow } from '../domain/supervision.js';
import type { Timeline } from '../app/get-timeline.js';
import type { InboxTask } from '../app/ports.js';

/** Mapping between domain values and generated messages, at the adapter edge. */
export function outcomeOf(outcome: approvalV1.TaskOutcome): TaskOutcome | null {
  switch (outcome) {
    case approvalV1.TaskOutcome.TASK_OUTCOME_APPROVE:
      return 'APPROVE';
    case approvalV1.TaskOutcome.TASK_OUTCOME_REJECT:
      return 'REJECT';
    case approvalV1.TaskOutcome.TASK_OUTCOME_RETURN:
      return 'RETURN';
    default:
      return null;
  }
}

export function actorMessage(a: ActorRef | null): approvalV1.Actor | undefined {
  if (!a) return undefined;
  return {
    subject: a.subject,
    username: a.username,
    onBehalfOfSubject: a.onBehalfOf?.subject ?? '',
    onBehalfOfUsername: a.onBehalfOf?.username ?? '',
    label: actorLabel(a),
  };
}

interface CaseContext {
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicantName: string;
  readonly greenChannel: boolean;
  readonly caseStatus: string;
  readonly promisedDeadline: string;
  readonly statutoryDeadline: string;
}

export const contextOf = (c: ApprovalCase): CaseContext => ({
  caseNumber: c.caseNumber,
  itemCode: c.itemCode,
  itemName: c.itemName,
  applicantName: c.applicantName,
  greenChannel: c.greenChannel !== null,
  caseStatus: c.status,
  promisedDeadline: c.clock.promised.deadline,
  statutoryDeadline: c.clock.statutory.deadline,
});

export function taskMessage(task: Task, context: CaseContext, stepRemaining?: number): approvalV1.Task {
  return {
    id: task.id,
    caseId: task.caseId,
    caseNumber: context.caseNumber,
    itemCode: context.itemCode,
    itemName: context.itemName,
    step: task.stepId,
    role: task.role,
    orgUnit: task.orgUnit,
    status: task.status,
    assignee: task.assignee ?? '',
    createdAt: task.createdAt,
    completedAt: task.completedAt ?? '',
    outcome: task.outcome ?? '',
    opinion: task.opinion ?? '',
    agency: task.agency,
    stepName: task.stepName,
    kind: task.kind,
    round: task.round,
    greenChannel: context.greenChannel,
    assigneeName: task.assigneeName ?? '',
    claimedAt: task.claimedAt ?? '',
    claimedBy: actorMessage(task.claimedBy),
    completedBy: actorMessage(task.completedBy),
    legalBasis: [...task.legalBasis],
    deemed: task.deemed,
    promisedDeadline: context.promisedDeadline,
    statutoryDeadline: context.statutoryDeadline,
    caseStatus: context.caseStatus,
    stepDeadline: task.stepClock?.deadline ?? '',
    stepRemainingWorkingDays: stepRemaining,
    applicantName: context.applicantName,
    actingFor: '',
  };
}

export const inboxTaskMessage = (t: InboxTask): approvalV1.Task => ({ ...taskMessage(t, t), actingFor: t.actingFor ?? '' });

function limitMessage(published: number, c: Countdown, remaining: number): approvalV1.Limit {
  return {
    limitDays: published,
    countedDays: c.limitDays,
    extendedDays: c.extendedDays,
    deadline: c.deadline,
    provisional: c.provisional,
    remainingWorkingDays: remaining,
    running: c.runningSince !== null,
  };
}

export function caseSummary(view: Timeline): approvalV1.CaseSummary {
  const c = view.case;
  const d = c.decision;
  const r = c.internalReview;
  return {
    caseId: c.id,
    caseNumber: c.caseNumber,
    itemCode: c.itemCode,
    itemName: c.itemName,
    applicantName: c.applicantName,
    hall: c.hall,
    orgUnit: c.orgUnit,
    agency: c.agency,
    status: c.status,
    greenChannel: c.greenChannel !== null,
    greenChannelReason: c.greenChannel?.reason ?? '',
    acceptedAt: c.acceptedAt,
    promised: limitMessage(c.promisedLimitDays, c.clock.promised, view.remaining.promised),
    statutory: limitMessage(c.statutoryLimitDays, c.clock.statutory, view.remaining.statutory),
    decision: d
      ? {
          outcome: d.outcome,
          opinion: d.opinion,
          legalBasis: [...d.legalBasis],
          decidedAt: d.decidedAt,
          decidedBy: actorMessage(d.decidedBy),
          instant: d.instant,
          workingDaysUsed: d.workingDaysUsed,
          onTime: d.onTime,
          early: d.early,
        }
      : undefined,
    internalReview: r
      ? {
          status: r.status,
          reason: r.reason,
          requestedAt: r.requestedAt,
          taskId: r.taskId,
          decidedAt: r.decidedAt ?? '',
          decidedBy: actorMessage(r.decidedBy),
          opinion: r.opinion ?? '',
        }
      : undefined,
    workflowName: c.definition.name,
    workflowVersion: c.definition.version,
  };
}

export function timelineMessage(view: Timeline): approvalV1.GetTimelineResponse {
  const c = view.case;
  const context = contextOf(c);
  return {
    case: caseSummary(view),
    tasks: c.tasks.map((t) => taskMessage(t, context, view.stepRemaining.get(t.id))),
    warnings: c.warnings.map((w) => ({ level: w.level, raisedAt: w.raisedAt, taskId: w.taskId ?? '', deadline: w.deadline, remainingWorkingDays: w.remainingWorkingDays })),
    suspensions: c.clock.suspensions.map((s) => ({
      seq: s.seq,
      kind: s.kind,
      reason: s.reason,
      expectedDays: s.expectedDays ?? 0,
      since: s.since,
      by: actorMessage(s.by),
      remainingPromised: s.remainingPromised,
      remainingStatutory: s.remainingStatutory,
      resumedAt: s.resumedAt ?? '',
      resumedBy: actorMessage(s.resumedBy),
      workingDaysSuspended: s.workingDaysSuspended ?? undefined,
    })),
    extensions: c.clock.extensions.map((e) => ({ days: e.days, reason: e.reason, approvedBy: actorMessage(e.approvedBy), at: e.at })),
    path: c.path.map((p) => ({ step: p.stepId, round: p.round, from: p.from ?? '', enteredAt: p.enteredAt, outcome: p.outcome ?? '' })),
    instantApproval: (c.instant?.results ?? []).map((r) => ({ ...r })),
    entries: c.timeline.map((e) => ({
      seq: e.seq,
      at: e.at,
      type: e.type,
      actor: e.actor,
      actorSubject: e.actorSubject ?? '',
      onBehalfOf: e.onBehalfOf ?? '',
      taskId: e.taskId ?? '',
      detail: Object.fromEntries(Object.entries(e.detail).map(([k, v]) => [k, v === null ? '' : String(v)])),
      traceId: e.traceId ?? '',
      prevHash: e.prevHash,
      hash: e.hash,
    })),
    chainIntact: view.chainIntact,
    asOf: view.asOf,
  };
}

export function overviewRow(row: OverviewRow): approvalV1.OverviewRow {
  return {
    key: row.key,
    accepted: row.accepted,
    closed: row.closed,
    onTimeRate: row.onTimeRate ?? undefined,
    earlyRate: row.earlyRate ?? undefined,
    averageWorkingDays: row.averageWorkingDays ?? undefined,
    overdueNow: row.overdueNow,
  };
}

const partyMessage = (p: Party): approvalV1.Party => ({ key: p.key, agency: p.agency, name: p.name ?? '' });

export function workflowMessage(d: WorkflowDefinition): approvalV1.WorkflowDefinition {
  return {
    itemCode: d.itemCode,
    version: d.version,
    name: d.name,
    start: d.start,
    steps: d.steps.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      role: s.role,
      level: s.level,
      agency: s.kind === 'TASK' ? (s.agency ?? '') : '',
      limitDays: s.limitDays ?? 0,
      onApprove: s.onApprove,
      onReject: s.onReject,
      lead: s.kind === 'JOINT' ? partyMessage(s.lead) : undefined,
      participants: s.kind === 'JOINT' ? s.participants.map(partyMessage) : [],
      branches: s.kind === 'FAN_OUT' ? s.branches.map(partyMessage) : [],
    })),
    instantApproval: d.instantApproval
      ? { rules: d.instantApproval.rules.map((r) => ({ ...r, values: [...r.values] })), opinion: d.instantApproval.opinion, legalBasis: [...d.instantApproval.legalBasis] }
      : undefined,
    earlyWarningPercent: d.supervision.earlyWarningPercent ?? 0,
    escalationTrigger: d.supervision.escalation?.trigger ?? '',
    escalationAction: d.supervision.escalation?.action ?? '',
    maxExtensionDays: d.maxExtensionDays ?? 0,
    definedBy: d.definedBy,
    definedAt: d.definedAt,
  };
}

const partyOf = (p: approvalV1.Party): Party => ({ key: p.key, agency: p.agency, ...(p.name ? { name: p.name } : {}) });

export function draftOf(m: approvalV1.WorkflowDefinition | undefined): WorkflowDraft {
  return {
    itemCode: m?.itemCode ?? '',
    name: m?.name ?? '',
    start: m?.start ?? '',
    steps: (m?.steps ?? []).map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      role: s.role,
      level: s.level,
      agency: s.agency,
      limitDays: s.limitDays,
      onApprove: s.onApprove,
      onReject: s.onReject,
      lead: s.lead ? partyOf(s.lead) : null,
      participants: s.participants.map(partyOf),
      branches: s.branches.map(partyOf),
    })),
    instantApproval: m?.instantApproval
      ? { rules: m.instantApproval.rules.map((r) => ({ ...r })), opinion: m.instantApproval.opinion, legalBasis: m.instantApproval.legalBasis }
      : null,
    earlyWarningPercent: m?.earlyWarningPercent ?? 0,
    escalationTrigger: m?.escalationTrigger ?? '',
    escalationAction: m?.escalationAction ?? '',
    maxExtensionDays: m?.maxExtensionDays ?? 0,
  };
}
