import { DomainError } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { storeTaskRepository } from '../adapters/task-repository.js';
import { approver, approverElsewhere, clerk, supervisor, taskFixture } from '../testing/fixtures.js';
import { tempStore } from '../testing/store.js';
import { ListTasks } from './list-tasks.js';

async function arrange() {
  const tasks = storeTaskRepository(await tempStore());
  await tasks.create(taskFixture({ id: 'c1:review', caseId: 'c1', createdAt: '2026-03-11T02:00:00.000Z' }), []);
  await tasks.create(taskFixture({ id: 'c2:review', caseId: 'c2', createdAt: '2026-03-11T01:00:00.000Z' }), []);
  await tasks.create(taskFixture({ id: 'c3:review', caseId: 'c3', orgUnit: '510104' }), []);
  await tasks.create(taskFixture({ id: 'c4:review', caseId: 'c4', status: 'CLAIMED', assignee: 'u-approver-qian' }), []);
  await tasks.create(taskFixture({ id: 'c5:review', caseId: 'c5', status: 'DONE', assignee: 'u-approver-qian' }), []);
  return new ListTasks(tasks);
}

describe('ListTasks', () => {
  it("gives an approver the open tasks of its org unit, oldest first, and no other org unit's", async () => {
    const listTasks = await arrange();
    const tasks = await listTasks.execute(approver(), { status: '' });
    expect(tasks.map((t) => t.id)).toEqual(['c2:review', 'c1:review']);
  });

  it('filters by status', async () => {
    const listTasks = await arrange();
    expect((await listTasks.execute(approver(), { status: 'CLAIMED' })).map((t) => t.id)).toEqual(['c4:review']);
    expect((await listTasks.execute(approver(), { status: 'DONE' })).map((t) => t.id)).toEqual(['c5:review']);
  });

  it('shows an approver of another org unit only that unit', async () => {
    const listTasks = await arrange();
    expect((await listTasks.execute(approverElsewhere(), { status: 'OPEN' })).map((t) => t.id)).toEqual(['c3:review']);
  });

  it('gives a supervisor every org unit', async () => {
    const listTasks = await arrange();
    const ids = (await listTasks.execute(supervisor(), { status: 'OPEN' })).map((t) => t.id);
    expect(ids.sort()).toEqual(['c1:review', 'c2:review', 'c3:review']);
  });

  it('refuses a clerk', async () => {
    const listTasks = await arrange();
    await expect(listTasks.execute(clerk(), { status: '' })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refuses an approver without an org unit', async () => {
    const listTasks = await arrange();
    const { orgUnit: _none, ...withoutUnit } = approver();
    await expect(listTasks.execute(withoutUnit, { status: '' })).rejects.toBeInstanceOf(DomainError);
  });

  it('refuses an unknown status', async () => {
    const listTasks = await arrange();
    await expect(listTasks.execute(approver(), { status: 'PENDING' })).rejects.toMatchObject({ code: 'TASK_STATUS_INVALID' });
  });
});
