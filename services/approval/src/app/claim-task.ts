import { authorize, type Principal } from '@onewindow/auth';
import { invalid, notFound, type Clock } from '@onewindow/kernel';
import { claimTask, type Task } from '../domain/task.js';
import type { StoredTask, TaskRepository } from './ports.js';
import { retryOnVersionConflict } from './retry.js';

export const TASK_ID_MAX_CHARS = 200;

export class ClaimTask {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly clock: Clock,
  ) {}

  execute(principal: Principal, request: { taskId: string }): Promise<Task> {
    return retryOnVersionConflict(async () => {
      const { task, version } = await loadTask(this.tasks, request.taskId);
      authorize(principal, 'task.claim', { role: task.role, orgUnit: task.orgUnit });
      const claimed = claimTask(task, principal, this.clock.now());
      if (claimed !== task) await this.tasks.save(claimed, version, []);
      return claimed;
    });
  }
}

export async function loadTask(tasks: TaskRepository, taskId: string): Promise<StoredTask> {
  const id = taskId.trim();
  if (!id) throw invalid('TASK_ID_REQUIRED', 'a task id is required', [{ field: 'taskId', message: 'required' }]);
  if (id.length > TASK_ID_MAX_CHARS) {
    throw invalid('TASK_ID_INVALID', 'the task id is too long', [{ field: 'taskId', message: `at most ${TASK_ID_MAX_CHARS} characters` }]);
  }
  const stored = await tasks.get(id);
  if (!stored) throw notFound('TASK_NOT_FOUND', `no task ${id}`);
  return stored;
}
