import { authorize, type Principal } from '@onewindow/auth';
import { EVENT_TYPES, newEvent, toOutboxMessage } from '@onewindow/events';
import type { Clock } from '@onewindow/kernel';
import { completeTask, type Task, type TaskOutcome } from '../domain/task.js';
import { loadTask } from './claim-task.js';
import { EVENT_SOURCE } from './events.js';
import type { TaskRepository } from './ports.js';
import { retryOnVersionConflict } from './retry.js';

export interface CompleteTaskRequest {
  readonly taskId: string;
  /** Null when the caller sent none (the domain refuses it). */
  readonly outcome: TaskOutcome | null;
  readonly opinion: string;
  readonly legalBasis: readonly string[];
}

const DECISION = { APPROVE: 'APPROVED', REJECT: 'REJECTED' } as const;

/**
 * The approver's decision on the case. The task turns DONE and
 * `case.decided` is announced in the same write, so the certificate and
 * intake services hear of every decision exactly as it was stored.
 */
export class CompleteTask {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly clock: Clock,
  ) {}

  execute(principal: Principal, request: CompleteTaskRequest): Promise<Task> {
    return retryOnVersionConflict(async () => {
      const { task, version } = await loadTask(this.tasks, request.taskId);
      const scope = { role: task.role, orgUnit: task.orgUnit };
      // May act on this inbox at all; then, unless the task is done (a state
      // error, not a permission one), must hold it or be about to claim it.
      authorize(principal, 'task.claim', scope);
      if (task.status !== 'DONE') authorize(principal, 'task.complete', { ...scope, assignee: task.assignee ?? principal.subject });

      const now = this.clock.now();
      const done = completeTask(task, principal, request, now);
      const event = newEvent({
        type: EVENT_TYPES.CASE_DECIDED,
        source: EVENT_SOURCE,
        subject: done.caseId,
        time: now,
        data: {
          caseId: done.caseId,
          caseNumber: done.caseNumber,
          itemCode: done.itemCode,
          itemName: done.itemName,
          applicantId: done.applicantId,
          applicantName: done.applicantName,
          decision: DECISION[done.outcome],
          opinion: done.opinion,
          legalBasis: [...done.legalBasis],
          decidedAt: done.completedAt,
          decidedBy: done.completedBy,
          resultLicenceType: done.resultLicenceType,
        },
      });
      await this.tasks.save(done, version, [toOutboxMessage(event)]);
      return done;
    });
  }
}
