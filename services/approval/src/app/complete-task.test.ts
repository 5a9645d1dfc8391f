import { EVENT_TYPES } from '@onewindow/events';
import { ManualClock } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { storeTaskRepository } from '../adapters/task-repository.js';
import { approver, approverElsewhere, otherApprover, supervisor, taskFixture } from '../testing/fixtures.js';
import { outboxEvents, tempStore } from '../testing/store.js';
import { ClaimTask } from './claim-task.js';
import { CompleteTask, type CompleteTaskRequest } from './complete-task.js';

async function arrange() {
  const store = await tempStore();
  const tasks = storeTaskRepository(store);
  const task = taskFixture();
  await tasks.create(task, []);
  const clock = new ManualClock('2026-03-12T06:30:00Z');
  return { store, tasks, task, claimTask: new ClaimTask(tasks, clock), completeTask: new CompleteTask(tasks, clock) };
}

const approval = (taskId: string, overrides: Partial<CompleteTaskRequest> = {}): CompleteTaskRequest => ({
  taskId,
  outcome: 'APPROVE',
  opinion: '材料齐全，符合法定条件，准予许可。',
  legalBasis: ['《中华人民共和国食品安全法》第三十五条'],
  ...overrides,
});

describe('CompleteTask', () => {
  it('approves the task and announces case.decided in the same write', async () => {
    const { store, tasks, task, completeTask } = await arrange();

    const done = await completeTask.execute(approver(), approval(task.id));

    expect(done).toMatchObject({ status: 'DONE', outcome: 'APPROVE', completedBy: 'zhao.approver', assignee: 'u-approver-zhao' });
    expect((await tasks.get(task.id))?.task.status).toBe('DONE');
    const events = await outboxEvents(store);
    expect(events.map((e) => e.type)).toEqual([EVENT_TYPES.CASE_DECIDED]);
    expect(events[0]).toMatchObject({
      subject: task.caseId,
      data: {
        caseId: task.caseId,
        caseNumber: task.caseNumber,
        itemCode: task.itemCode,
        itemName: task.itemName,
        applicantId: task.applicantId,
        applicantName: '张三',
        decision: 'APPROVED',
        opinion: '材料齐全，符合法定条件，准予许可。',
        legalBasis: ['《中华人民共和国食品安全法》第三十五条'],
        decidedAt: '2026-03-12T06:30:00.000Z',
        decidedBy: 'zhao.approver',
        resultLicenceType: 'FOOD_BUSINESS_LICENCE',
      },
    });
  });

  it('announces a refusal as REJECTED with its reason', async () => {
    const { store, task, completeTask } = await arrange();
    await completeTask.execute(approver(), approval(task.id, { outcome: 'REJECT', opinion: '经营场所与申请材料不符。', legalBasis: [] }));
    const [event] = await outboxEvents(store);
    expect(event?.data).toMatchObject({ decision: 'REJECTED', opinion: '经营场所与申请材料不符。', legalBasis: [] });
  });

  it('completes a task the approver claimed earlier', async () => {
    const { task, claimTask, completeTask } = await arrange();
    await claimTask.execute(approver(), { taskId: task.id });
    await expect(completeTask.execute(approver(), approval(task.id))).resolves.toMatchObject({ status: 'DONE' });
  });

  it("refuses to complete another approver's claimed task and writes nothing", async () => {
    const { store, tasks, task, claimTask, completeTask } = await arrange();
    await claimTask.execute(otherApprover(), { taskId: task.id });

    await expect(completeTask.execute(approver(), approval(task.id))).rejects.toMatchObject({ kind: 'forbidden' });

    expect((await tasks.get(task.id))?.task).toMatchObject({ status: 'CLAIMED', assignee: 'u-approver-qian' });
    expect(await outboxEvents(store)).toEqual([]);
  });

  it('refuses to decide a task twice', async () => {
    const { store, task, completeTask } = await arrange();
    await completeTask.execute(approver(), approval(task.id));
    await expect(completeTask.execute(approver(), approval(task.id))).rejects.toMatchObject({ code: 'TASK_WRONG_STATE' });
    expect(await outboxEvents(store)).toHaveLength(1);
  });

  it('refuses a decision without an opinion and leaves the task open', async () => {
    const { store, tasks, task, completeTask } = await arrange();
    await expect(completeTask.execute(approver(), approval(task.id, { opinion: '' }))).rejects.toMatchObject({
      code: 'TASK_DECISION_INVALID',
    });
    expect((await tasks.get(task.id))?.task.status).toBe('OPEN');
    expect(await outboxEvents(store)).toEqual([]);
  });

  it('refuses an approver of another org unit and a supervisor', async () => {
    const { task, completeTask } = await arrange();
    await expect(completeTask.execute(approverElsewhere(), approval(task.id))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(completeTask.execute(supervisor(), approval(task.id))).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('decides once when two approvers complete the same open task at once', async () => {
    const { store, task, completeTask } = await arrange();
    const results = await Promise.allSettled([
      completeTask.execute(approver(), approval(task.id)),
      completeTask.execute(otherApprover(), approval(task.id, { outcome: 'REJECT', opinion: '不予许可' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await outboxEvents(store)).toHaveLength(1);
  });
});
