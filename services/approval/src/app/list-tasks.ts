import { authorize, decide, type Principal } from '@onewindow/auth';
import { APPROVER_ROLE, parseTaskStatus, type Task } from '../domain/task.js';
import type { TaskRepository, TaskScope } from './ports.js';

/**
 * A staff inbox. Supervisors and platform admins (whom the policy lets read
 * every task) see every org unit; an approver sees the tasks of its role in
 * its own org unit, and nothing else.
 */
export class ListTasks {
  constructor(private readonly tasks: TaskRepository) {}

  async execute(principal: Principal, request: { status: string }): Promise<Task[]> {
    const status = parseTaskStatus(request.status);
    return this.tasks.list(scopeOf(principal), status);
  }
}

function scopeOf(principal: Principal): TaskScope {
  if (decide(principal, 'task.list').allowed) return { kind: 'everyOrgUnit' };
  const scope = { role: APPROVER_ROLE, orgUnit: principal.orgUnit ?? '' };
  authorize(principal, 'task.list', scope);
  return { kind: 'orgUnit', ...scope };
}
