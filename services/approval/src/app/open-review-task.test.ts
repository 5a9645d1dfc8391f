import { bundledCalendar } from '@onewindow/calendar';
import { EVENT_TYPES } from '@onewindow/events';
import { ManualClock } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { storeTaskRepository } from '../adapters/task-repository.js';
import { acceptedCaseFixture } from '../testing/fixtures.js';
import { outboxEvents, tempStore } from '../testing/store.js';
import { OpenReviewTask } from './open-review-task.js';

const calendar = bundledCalendar();

async function arrange() {
  const store = await tempStore();
  const tasks = storeTaskRepository(store);
  const clock = new ManualClock('2026-03-11T02:00:03Z');
  return { store, tasks, clock, useCase: new OpenReviewTask(tasks, calendar, clock) };
}

describe('OpenReviewTask', () => {
  it('stores an open review task with its deadlines and announces it in the same write', async () => {
    const { store, tasks, useCase } = await arrange();
    // Wednesday 11 March 2026, 10:00 in Beijing.
    const accepted = acceptedCaseFixture({ acceptedAt: '2026-03-11T02:00:00.000Z', promisedLimitDays: 5, statutoryLimitDays: 20 });

    const { task, created } = await useCase.execute(accepted);

    expect(created).toBe(true);
    const stored = await tasks.get(task.id);
    expect(stored?.task).toMatchObject({
      id: `${accepted.caseId}:review`,
      status: 'OPEN',
      role: 'approver',
      orgUnit: '510100',
      caseNumber: accepted.caseNumber,
      promisedDeadline: { limitDays: 5, date: '2026-03-18', provisional: false },
      statutoryDeadline: { limitDays: 20, date: '2026-04-09', provisional: false },
    });
    const events = await outboxEvents(store);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: EVENT_TYPES.TASK_CREATED,
      subject: accepted.caseId,
      data: { taskId: task.id, caseId: accepted.caseId, role: 'approver', orgUnit: '510100', createdAt: '2026-03-11T02:00:03.000Z' },
    });
  });

  it('does nothing the second time the same case arrives', async () => {
    const { store, tasks, clock, useCase } = await arrange();
    const first = await useCase.execute(acceptedCaseFixture());
    clock.advance(60_000);

    const again = await useCase.execute(acceptedCaseFixture());

    expect(again).toEqual({ task: first.task, created: false });
    expect(await outboxEvents(store)).toHaveLength(1);
    expect(await tasks.list({ kind: 'everyOrgUnit' }, 'OPEN')).toHaveLength(1);
  });

  it('creates one task when two consumers handle the same case at once', async () => {
    const { store, useCase } = await arrange();

    const results = await Promise.all([useCase.execute(acceptedCaseFixture()), useCase.execute(acceptedCaseFixture())]);

    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await outboxEvents(store)).toHaveLength(1);
  });
});
