import type { Principal } from '@onewindow/auth';
import type { Clock } from '@onewindow/kernel';
import type { ApprovalCase, Task } from '../domain/case.js';
import { reassignTask } from '../domain/tasks.js';
import { authorizeAny, toActor } from './access.js';
import type { CaseWriter } from './case-writer.js';
import { asTaskLookup } from './claim-task.js';
import { caseOfTask, taskIdOf, taskIn } from './load.js';

export interface ReassignTaskRequest {
  readonly taskId: string;
  /** Subject and display name of the staff member to hand it to; empty: none. */
  readonly toAssignee: string;
  readonly toAssigneeName: string;
  /** A role whose pool takes it (e.g. section_chief); empty: keep the role. */
  readonly toRole: string;
  readonly reason: string;
}

/** A chief or agency head moves a task of their org unit and agency to a named colleague or to another role's pool. */
export class ReassignTask {
  constructor(
    private readonly writer: CaseWriter,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, request: ReassignTaskRequest): Promise<{ task: Task; case: ApprovalCase }> {
    const taskId = taskIdOf(request.taskId);
    const c = await asTaskLookup(() =>
      this.writer.update(caseOfTask(taskId), (current) => {
        const task = taskIn(current, taskId);
        authorizeAny(principal, 'task.reassign', [{ orgUnit: task.orgUnit, agency: task.agency }]);
        const to = request.toAssignee.trim() ? { subject: request.toAssignee.trim(), username: request.toAssigneeName.trim() } : null;
        return reassignTask(current, taskId, toActor(principal), { to, toRole: request.toRole.trim() || null, reason: request.reason }, this.clock.now());
      }),
    );
    return { task: taskIn(c, taskId), case: c };
  }
}
