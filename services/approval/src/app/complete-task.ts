import { authorize, type Principal } from '@onewindow/auth';
import type { Clock } from '@onewindow/kernel';
import type { ApprovalCase, Task, TaskOutcome } from '../domain/case.js';
import type { WorkingDays } from '../domain/deadline.js';
import { completeTask } from '../domain/workflow.js';
import { standInFor, taskScope } from './access.js';
import type { CaseWriter } from './case-writer.js';
import { asTaskLookup } from './claim-task.js';
import { caseOfTask, taskIdOf, taskIn } from './load.js';
import type { DelegationRepository } from './ports.js';

export interface CompleteTaskRequest {
  readonly taskId: string;
  /** Null when the caller sent none (the domain refuses it). */
  readonly outcome: TaskOutcome | null;
  /** The opinion; for a refusal or a return, its reason. */
  readonly opinion: string;
  readonly legalBasis: readonly string[];
}

/**
 * A staff member's decision on a task: approve, refuse (with the reason)
 * or return to the previous step (with the reason). The case moves on in the
 * same write, announcing each step (task.completed, task.created, …) and,
 * at an end state, case.decided.
 */
export class CompleteTask {
  constructor(
    private readonly writer: CaseWriter,
    private readonly delegations: DelegationRepository,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, request: CompleteTaskRequest): Promise<{ task: Task; case: ApprovalCase }> {
    const taskId = taskIdOf(request.taskId);
    const c = await asTaskLookup(() =>
      this.writer.update(caseOfTask(taskId), async (current) => {
        const task = taskIn(current, taskId);
        const scope = taskScope(task);
        const now = this.clock.now();
        const stand = await standInFor(this.delegations, principal, task, now);
        // May act on this inbox at all; then, unless the task is closed (a
        // state error, not a permission one), must hold it or be about to claim it.
        authorize(principal, 'task.claim', scope);
        if (task.status === 'OPEN' || task.status === 'CLAIMED') {
          authorize(principal, 'task.complete', { ...scope, assignee: task.assignee ?? principal.subject, standInFor: stand.principals });
        }
        return completeTask(current, taskId, stand.actor, request, now, this.calendar);
      }),
    );
    return { task: taskIn(c, taskId), case: c };
  }
}
