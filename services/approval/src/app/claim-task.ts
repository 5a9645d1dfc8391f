import { authorize, type Principal } from '@onewindow/auth';
import { isDomainError, notFound, type Clock } from '@onewindow/kernel';
import type { ApprovalCase, Task } from '../domain/case.js';
import { claimTask } from '../domain/tasks.js';
import { standInFor, taskScope } from './access.js';
import type { CaseWriter } from './case-writer.js';
import { caseOfTask, taskIdOf, taskIn } from './load.js';
import type { DelegationRepository } from './ports.js';

/** Takes a task from the inbox: one holder at a time; a stand-in takes it in the name of the person they stand in for. */
export class ClaimTask {
  constructor(
    private readonly writer: CaseWriter,
    private readonly delegations: DelegationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, request: { taskId: string }): Promise<{ task: Task; case: ApprovalCase }> {
    const taskId = taskIdOf(request.taskId);
    const c = await asTaskLookup(() =>
      this.writer.update(caseOfTask(taskId), async (current) => {
        const task = taskIn(current, taskId);
        authorize(principal, 'task.claim', taskScope(task));
        const now = this.clock.now();
        const { actor } = await standInFor(this.delegations, principal, task, now);
        return claimTask(current, taskId, actor, now);
      }),
    );
    return { task: taskIn(c, taskId), case: c };
  }
}

/** A task id naming no case answers TASK_NOT_FOUND, not CASE_NOT_FOUND. */
export async function asTaskLookup(run: () => Promise<ApprovalCase>): Promise<ApprovalCase> {
  try {
    return await run();
  } catch (err) {
    if (isDomainError(err) && err.code === 'CASE_NOT_FOUND') throw notFound('TASK_NOT_FOUND', 'no such task');
    throw err;
  }
}
