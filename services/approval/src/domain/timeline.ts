import { createHash } from 'node:crypto';
import { actorLabel, type ActorRef } from './actor.js';
import type { ApprovalCase } from './case.js';
import type { Fact, FactType } from './facts.js';

/**
 * The case's audit trail: append-only, each entry hashed with the one
 * before it (SHA-256), so an edited or removed entry breaks the chain.
 * Who, what, when, with the trace id of the request that did it.
 */
export type Detail = Readonly<Record<string, string | number | boolean | null>>;

export interface TimelineEntry {
  readonly seq: number;
  readonly at: string;
  readonly type: FactType;
  /** "zhao.approver", "qian.approver for zhao.approver", or "system". */
  readonly actor: string;
  readonly actorSubject: string | null;
  readonly onBehalfOf: string | null;
  readonly taskId: string | null;
  readonly detail: Detail;
  readonly traceId: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function hashOf(entry: Omit<TimelineEntry, 'hash'>): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at,
    entry.type,
    entry.actor,
    entry.actorSubject,
    entry.onBehalfOf,
    entry.taskId,
    Object.entries(entry.detail).sort(([a], [b]) => (a < b ? -1 : 1)),
    entry.traceId,
    entry.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one entry per fact. */
export function record(c: ApprovalCase, facts: readonly Fact[], traceId: string | null): ApprovalCase {
  if (facts.length === 0) return c;
  const timeline = [...c.timeline];
  for (const fact of facts) {
    const last = timeline[timeline.length - 1];
    const { by, taskId, detail } = describe(fact);
    const entry = {
      seq: (last?.seq ?? 0) + 1,
      at: fact.at,
      type: fact.type,
      actor: by ? actorLabel(by) : 'system',
      actorSubject: by?.subject ?? null,
      onBehalfOf: by?.onBehalfOf?.username ?? null,
      taskId,
      detail,
      traceId,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    timeline.push({ ...entry, hash: hashOf(entry) });
  }
  return { ...c, timeline };
}

/** The seq of the first entry that does not chain, or null when the whole trail is intact. */
export function firstBrokenEntry(timeline: readonly TimelineEntry[]): number | null {
  let prev = GENESIS_HASH;
  for (const entry of timeline) {
    const { hash, ...rest } = entry;
    if (entry.prevHash !== prev || hashOf(rest) !== hash) return entry.seq;
    prev = hash;
  }
  return null;
}

function describe(fact: Fact): { by: ActorRef | null; taskId: string | null; detail: Detail } {
  switch (fact.type) {
    case 'CASE_OPENED':
      return { by: null, taskId: null, detail: { definitionVersion: fact.definitionVersion, instantApproval: fact.instant ? fact.instant.approved : null, failedRules: fact.instant ? fact.instant.results.filter((r) => !r.passed).map((r) => r.ruleId).join(',') : null } };
    case 'TASK_CREATED':
      return { by: null, taskId: fact.task.id, detail: { step: fact.task.stepId, role: fact.task.role, orgUnit: fact.task.orgUnit, agency: fact.task.agency, stepDeadline: fact.task.stepClock?.deadline ?? null } };
    case 'TASK_CLAIMED':
      return { by: fact.by, taskId: fact.task.id, detail: { step: fact.task.stepId } };
    case 'TASK_COMPLETED':
      return {
        by: fact.by,
        taskId: fact.task.id,
        detail: { step: fact.task.stepId, outcome: fact.task.outcome, opinion: fact.task.opinion, legalBasis: fact.task.legalBasis.join('；'), deemed: fact.task.deemed },
      };
    case 'TASK_RETURNED':
      return { by: fact.by, taskId: fact.task.id, detail: { step: fact.task.stepId, toStep: fact.toStep, reason: fact.reason } };
    case 'TASK_CANCELLED':
      return { by: null, taskId: fact.task.id, detail: { step: fact.task.stepId, reason: fact.reason } };
    case 'TASK_REASSIGNED':
      return {
        by: fact.automatic ? null : fact.by,
        taskId: fact.task.id,
        detail: { fromAssignee: fact.fromAssignee, fromRole: fact.fromRole, toAssignee: fact.task.assigneeName, toRole: fact.task.role, reason: fact.reason, automatic: fact.automatic },
      };
    case 'CASE_DECIDED':
      return {
        by: fact.decision.instant ? null : fact.decision.decidedBy,
        taskId: fact.decision.taskId,
        detail: {
          outcome: fact.decision.outcome,
          opinion: fact.decision.opinion,
          legalBasis: fact.decision.legalBasis.join('；'),
          instant: fact.decision.instant,
          workingDaysUsed: fact.decision.workingDaysUsed,
          onTime: fact.decision.onTime,
          ...(fact.overturns ? { overturns: `${fact.overturns.outcome} ${fact.overturns.decidedAt}` } : {}),
        },
      };
    case 'CASE_SUSPENDED':
      return {
        by: fact.suspension.by,
        taskId: null,
        detail: { kind: fact.suspension.kind, reason: fact.suspension.reason, remainingPromised: fact.suspension.remainingPromised, remainingStatutory: fact.suspension.remainingStatutory },
      };
    case 'CASE_RESUMED':
      return { by: fact.suspension.resumedBy, taskId: null, detail: { kind: fact.suspension.kind, workingDaysSuspended: fact.suspension.workingDaysSuspended } };
    case 'CASE_EXTENDED':
      return { by: fact.extension.approvedBy, taskId: null, detail: { days: fact.extension.days, reason: fact.extension.reason } };
    case 'WARNING_RAISED':
      return { by: null, taskId: fact.warning.taskId, detail: { level: fact.warning.level, deadline: fact.warning.deadline, remainingWorkingDays: fact.warning.remainingWorkingDays, notified: fact.handlers.join(',') } };
    case 'CASE_ESCALATED':
      return { by: null, taskId: null, detail: { trigger: fact.trigger, action: fact.action, tasks: fact.taskIds.join(','), detail: fact.detail } };
    case 'GREEN_CHANNEL_MARKED':
      return { by: fact.greenChannel.markedBy, taskId: null, detail: { reason: fact.greenChannel.reason } };
    case 'INTERNAL_REVIEW_REQUESTED':
      return { by: fact.by, taskId: fact.review.taskId, detail: { reason: fact.review.reason } };
    case 'INTERNAL_REVIEW_DECIDED':
      return { by: fact.review.decidedBy, taskId: fact.review.taskId, detail: { result: fact.review.status, opinion: fact.review.opinion } };
    case 'DEADLINES_RECOUNTED':
      return { by: null, taskId: null, detail: { promisedDeadline: fact.promised, statutoryDeadline: fact.statutory, provisional: fact.provisional } };
  }
}
