import { ManualClock } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { storeTaskRepository } from '../adapters/task-repository.js';
import { approver, approverElsewhere, otherApprover, supervisor, taskFixture } from '../testing/fixtures.js';
import { outboxEvents, tempStore } from '../testing/store.js';
import { ClaimTask } from './claim-task.js';

async function arrange() {
  const store = await tempStore();
  const tasks = storeTaskRepository(store);
  const task = taskFixture();
  await tasks.create(task, []);
  return { store, tasks, task, claimTask: new ClaimTask(tasks, new ManualClock('2026-03-11T03:00:00Z')) };
}

describe('ClaimTask', () => {
  it('gives an open task to the approver and stores it', async () => {
    const { tasks, task, claimTask } = await arrange();

    const claimed = await claimTask.execute(approver(), { taskId: task.id });

    expect(claimed).toMatchObject({ status: 'CLAIMED', assignee: 'u-approver-zhao', claimedAt: '2026-03-11T03:00:00.000Z' });
    expect((await tasks.get(task.id))?.task.status).toBe('CLAIMED');
  });

  it('lets the holder claim again without a change', async () => {
    const { tasks, task, claimTask } = await arrange();
    await claimTask.execute(approver(), { taskId: task.id });
    const before = await tasks.get(task.id);

    await claimTask.execute(approver(), { taskId: task.id });

    expect((await tasks.get(task.id))?.version).toBe(before?.version);
  });

  it('refuses a task another approver holds', async () => {
    const { task, claimTask } = await arrange();
    await claimTask.execute(otherApprover(), { taskId: task.id });
    await expect(claimTask.execute(approver(), { taskId: task.id })).rejects.toMatchObject({ code: 'TASK_ALREADY_CLAIMED' });
  });

  it('lets exactly one of two approvers claiming at once win', async () => {
    const { tasks, task, claimTask } = await arrange();

    const results = await Promise.allSettled([
      claimTask.execute(approver(), { taskId: task.id }),
      claimTask.execute(otherApprover(), { taskId: task.id }),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected');
    expect(loser?.reason).toMatchObject({ code: 'TASK_ALREADY_CLAIMED' });
    expect((await tasks.get(task.id))?.version).toBe(2);
  });

  it("refuses an approver of another org unit and a supervisor, and changes nothing", async () => {
    const { store, tasks, task, claimTask } = await arrange();
    await expect(claimTask.execute(approverElsewhere(), { taskId: task.id })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(claimTask.execute(supervisor(), { taskId: task.id })).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await tasks.get(task.id))?.task.status).toBe('OPEN');
    expect(await outboxEvents(store)).toEqual([]);
  });

  it('answers not found for an unknown task and invalid for an empty id', async () => {
    const { claimTask } = await arrange();
    await expect(claimTask.execute(approver(), { taskId: 'nope:review' })).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    await expect(claimTask.execute(approver(), { taskId: ' ' })).rejects.toMatchObject({ code: 'TASK_ID_REQUIRED' });
  });
});
