import { bundledCalendar } from '@onewindow/calendar';
import { EVENT_TYPES, newEvent } from '@onewindow/events';
import { ManualClock } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { OpenReviewTask } from '../app/open-review-task.js';
import { acceptedCaseFixture } from '../testing/fixtures.js';
import { outboxEvents, tempStore } from '../testing/store.js';
import { caseAcceptedConsumer } from './case-accepted-consumer.js';
import { storeTaskRepository } from './task-repository.js';

const delivery = { topic: 'onewindow.intake.case.v1', key: 'k', value: '', headers: {}, partition: 0, offset: '0' };

async function arrange() {
  const store = await tempStore();
  const tasks = storeTaskRepository(store);
  const consumer = caseAcceptedConsumer(new OpenReviewTask(tasks, bundledCalendar(), new ManualClock('2026-03-11T02:00:03Z')));
  return { store, tasks, consumer };
}

describe('caseAcceptedConsumer', () => {
  it('opens the review task of an accepted case', async () => {
    const { tasks, consumer } = await arrange();
    const accepted = acceptedCaseFixture();
    const event = newEvent({ type: EVENT_TYPES.CASE_ACCEPTED, source: 'onewindow/intake', subject: accepted.caseId, data: accepted, time: new Date() });

    await consumer.handle(event, delivery);

    expect((await tasks.get(`${accepted.caseId}:review`))?.task.status).toBe('OPEN');
    expect(consumer.topics).toEqual(['onewindow.intake.case.v1']);
  });

  it('ignores the other intake events', async () => {
    const { store, consumer } = await arrange();
    const accepted = acceptedCaseFixture();
    const submitted = newEvent({
      type: EVENT_TYPES.CASE_SUBMITTED,
      source: 'onewindow/intake',
      subject: accepted.caseId,
      time: new Date(),
      data: {
        caseId: accepted.caseId,
        caseNumber: accepted.caseNumber,
        itemCode: accepted.itemCode,
        itemVersion: 1,
        itemName: accepted.itemName,
        applicantId: accepted.applicantId,
        applicantName: accepted.applicantName,
        hall: accepted.hall,
        submittedAt: '2026-03-11T01:00:00.000Z',
      },
    });

    await consumer.handle(submitted, delivery);

    expect(await outboxEvents(store)).toEqual([]);
  });
});
