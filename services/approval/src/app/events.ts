import { EVENT_TYPES, newEvent, toOutboxMessage, type EventDataMap, type EventType } from '@onewindow/events/catalog';
import type { OutboxMessage } from '@onewindow/store/port';
import { SYSTEM, type ActorRef } from '../domain/actor.js';
import type { ApprovalCase } from '../domain/case.js';
import type { Fact } from '../domain/facts.js';

/** The CloudEvents `source` of every event this service publishes. */
export const EVENT_SOURCE = 'onewindow/approval';

const who = (a: ActorRef) => ({ subject: a.subject, username: a.username, onBehalfOf: a.onBehalfOf });

/** The catalogued events announcing a change, committed with it (outbox). Facts kept only in the audit trail map to none. */
export function eventsFor(c: ApprovalCase, facts: readonly Fact[]): OutboxMessage[] {
  const ref = { caseId: c.id, caseNumber: c.caseNumber, itemName: c.itemName, applicantId: c.applicantId };
  const out: OutboxMessage[] = [];
  const emit = <T extends EventType>(type: T, at: string, data: EventDataMap[T]) =>
    out.push(toOutboxMessage(newEvent({ type, source: EVENT_SOURCE, subject: c.id, time: new Date(at), data })));
  for (const f of facts) {
    switch (f.type) {
      case 'TASK_CREATED':
        emit(EVENT_TYPES.TASK_CREATED, f.at, { taskId: f.task.id, caseId: c.id, caseNumber: c.caseNumber, role: f.task.role, orgUnit: f.task.orgUnit, createdAt: f.task.createdAt });
        break;
      case 'TASK_CLAIMED':
        emit(EVENT_TYPES.TASK_CLAIMED, f.at, {
          taskId: f.task.id,
          caseId: c.id,
          caseNumber: c.caseNumber,
          step: f.task.stepId,
          role: f.task.role,
          orgUnit: f.task.orgUnit,
          agency: f.task.agency,
          claimedBy: who(f.by),
          claimedAt: f.at,
        });
        break;
      case 'TASK_COMPLETED':
        emit(EVENT_TYPES.TASK_COMPLETED, f.at, {
          taskId: f.task.id,
          caseId: c.id,
          caseNumber: c.caseNumber,
          step: f.task.stepId,
          outcome: f.task.outcome === 'APPROVE' ? 'APPROVE' : 'REJECT',
          opinion: f.task.opinion ?? '',
          legalBasis: [...f.task.legalBasis],
          completedBy: who(f.by),
          deemed: f.task.deemed,
          completedAt: f.at,
        });
        break;
      case 'TASK_RETURNED':
        emit(EVENT_TYPES.TASK_RETURNED, f.at, {
          taskId: f.task.id,
          caseId: c.id,
          caseNumber: c.caseNumber,
          step: f.task.stepId,
          toStep: f.toStep,
          reason: f.reason,
          returnedBy: who(f.by),
          returnedAt: f.at,
        });
        break;
      case 'TASK_REASSIGNED':
        emit(EVENT_TYPES.TASK_REASSIGNED, f.at, {
          taskId: f.task.id,
          caseId: c.id,
          caseNumber: c.caseNumber,
          step: f.task.stepId,
          fromAssignee: f.fromAssignee,
          fromRole: f.fromRole,
          toAssignee: f.task.assigneeName,
          toRole: f.task.role,
          reason: f.reason,
          automatic: f.automatic,
          reassignedBy: who(f.by),
          reassignedAt: f.at,
        });
        break;
      case 'CASE_DECIDED':
        emit(EVENT_TYPES.CASE_DECIDED, f.at, {
          caseId: c.id,
          caseNumber: c.caseNumber,
          itemCode: c.itemCode,
          itemName: c.itemName,
          applicantId: c.applicantId,
          applicantName: c.applicantName,
          decision: f.decision.outcome,
          opinion: f.decision.opinion,
          legalBasis: [...f.decision.legalBasis],
          decidedAt: f.decision.decidedAt,
          decidedBy: f.decision.decidedBy.username,
          resultLicenceType: c.resultLicenceType,
          ...(f.overturns ? { overturns: { decision: 'REJECTED' as const, decidedAt: f.overturns.decidedAt } } : {}),
        });
        break;
      case 'CASE_SUSPENDED':
        emit(EVENT_TYPES.CASE_SUSPENDED, f.at, {
          ...ref,
          kind: f.suspension.kind,
          reason: f.suspension.reason,
          expectedDays: f.suspension.expectedDays,
          suspendedBy: who(f.suspension.by),
          suspendedAt: f.suspension.since,
          remainingPromisedDays: f.suspension.remainingPromised,
          remainingStatutoryDays: f.suspension.remainingStatutory,
        });
        break;
      case 'CASE_RESUMED':
        emit(EVENT_TYPES.CASE_RESUMED, f.at, {
          ...ref,
          kind: f.suspension.kind,
          resumedBy: who(f.suspension.resumedBy ?? f.suspension.by),
          resumedAt: f.at,
          workingDaysSuspended: f.suspension.workingDaysSuspended ?? 0,
          promisedDeadline: c.clock.promised.deadline,
          statutoryDeadline: c.clock.statutory.deadline,
        });
        break;
      case 'CASE_EXTENDED':
        emit(EVENT_TYPES.CASE_EXTENDED, f.at, {
          ...ref,
          days: f.extension.days,
          reason: f.extension.reason,
          approvedBy: who(f.extension.approvedBy),
          extendedAt: f.at,
          promisedDeadline: c.clock.promised.deadline,
          statutoryDeadline: c.clock.statutory.deadline,
        });
        break;
      case 'WARNING_RAISED':
        emit(EVENT_TYPES.CASE_WARNING_RAISED, f.at, {
          ...ref,
          level: f.warning.level,
          taskId: f.warning.taskId,
          deadline: f.warning.deadline,
          remainingWorkingDays: f.warning.remainingWorkingDays,
          handlers: [...f.handlers],
          orgUnit: f.orgUnit,
          agency: f.agency,
          raisedAt: f.at,
        });
        break;
      case 'CASE_ESCALATED': {
        const first = c.tasks.find((t) => t.id === f.taskIds[0]);
        emit(EVENT_TYPES.CASE_ESCALATED, f.at, {
          ...ref,
          trigger: f.trigger,
          action: f.action,
          taskIds: [...f.taskIds],
          detail: f.detail,
          orgUnit: first?.orgUnit ?? c.orgUnit,
          agency: first?.agency ?? c.agency,
          escalatedAt: f.at,
        });
        break;
      }
      case 'GREEN_CHANNEL_MARKED':
        emit(EVENT_TYPES.GREEN_CHANNEL_MARKED, f.at, { caseId: c.id, caseNumber: c.caseNumber, reason: f.greenChannel.reason, markedBy: who(f.greenChannel.markedBy), markedAt: f.at });
        break;
      case 'INTERNAL_REVIEW_REQUESTED':
        emit(EVENT_TYPES.INTERNAL_REVIEW_REQUESTED, f.at, { ...ref, reason: f.review.reason, taskId: f.review.taskId, requestedAt: f.at });
        break;
      case 'INTERNAL_REVIEW_DECIDED':
        emit(EVENT_TYPES.INTERNAL_REVIEW_DECIDED, f.at, {
          ...ref,
          result: f.review.status === 'OVERTURNED' ? 'OVERTURNED' : 'UPHELD',
          opinion: f.review.opinion ?? '',
          legalBasis: [...f.legalBasis],
          decidedBy: who(f.review.decidedBy ?? SYSTEM),
          decidedAt: f.at,
        });
        break;
      case 'CASE_OPENED':
      case 'TASK_CANCELLED':
      case 'DEADLINES_RECOUNTED':
        break;
    }
  }
  return out;
}
