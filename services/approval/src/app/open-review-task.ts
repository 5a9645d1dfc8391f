import { EVENT_TYPES, newEvent, toOutboxMessage, type CaseAcceptedData } from '@onewindow/events';
import type { Clock } from '@onewindow/kernel';
import { caseDeadlines, type WorkingDays } from '../domain/deadline.js';
import { openReviewTask, REVIEW_STEP, taskIdFor, type Task } from '../domain/task.js';
import { EVENT_SOURCE } from './events.js';
import type { TaskRepository } from './ports.js';

/**
 * An accepted case gets its review task, once: the task id comes from the
 * case, so a redelivered `case.accepted` finds the task and writes nothing.
 * The task and its `task.created` event are one write.
 */
export class OpenReviewTask {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
  ) {}

  async execute(accepted: CaseAcceptedData): Promise<{ task: Task; created: boolean }> {
    const existing = await this.tasks.get(taskIdFor(accepted.caseId, REVIEW_STEP));
    if (existing) return { task: existing.task, created: false };

    const now = this.clock.now();
    const task = openReviewTask(accepted, caseDeadlines(this.calendar, accepted), now);
    const event = newEvent({
      type: EVENT_TYPES.TASK_CREATED,
      source: EVENT_SOURCE,
      subject: task.caseId,
      time: now,
      data: {
        taskId: task.id,
        caseId: task.caseId,
        caseNumber: task.caseNumber,
        role: task.role,
        orgUnit: task.orgUnit,
        createdAt: task.createdAt,
      },
    });
    if (await this.tasks.create(task, [toOutboxMessage(event)])) return { task, created: true };

    // Created concurrently by another consumer of the same event.
    const winner = await this.tasks.get(task.id);
    if (!winner) throw new Error(`task ${task.id} reported as existing but not found`);
    return { task: winner.task, created: false };
  }
}
