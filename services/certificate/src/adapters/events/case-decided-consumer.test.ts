import { EVENT_TYPES, newEvent } from '@onewindow/events';
import { describe, expect, it } from 'vitest';
import { certificateFixture, decidedFixture, outboxEvents } from '../../testing/fixtures.js';
import { caseDecidedConsumer } from './case-decided-consumer.js';

const delivery = { topic: 'onewindow.approval.case.v1', key: 'k', value: '', headers: {}, partition: 0, offset: '0' };
const decidedEvent = (data = decidedFixture()) =>
  newEvent({ type: EVENT_TYPES.CASE_DECIDED, source: 'onewindow/approval', subject: data.caseId, data, time: new Date() });

describe('caseDecidedConsumer', () => {
  it('issues one licence however often the approval is delivered', async () => {
    const { store, licences, issueLicence } = await certificateFixture();
    const consumer = caseDecidedConsumer(issueLicence);
    const event = decidedEvent();

    await consumer.handle(event, delivery);
    await consumer.handle(event, delivery);

    expect(await licences.findByCase(event.data.caseId)).not.toBeNull();
    expect((await outboxEvents(store)).map((e) => e.type)).toEqual([EVENT_TYPES.LICENCE_ISSUED]);
    expect(consumer.topics).toEqual(['onewindow.approval.case.v1']);
  });

  it('issues the licence when internal review (复核) overturns a refusal: the refusal issued nothing, the approval in its place does', async () => {
    const { store, licences, issueLicence } = await certificateFixture();
    const consumer = caseDecidedConsumer(issueLicence);
    const refusal = decidedEvent(decidedFixture({ decision: 'REJECTED', decidedAt: '2026-03-12T02:00:00.000Z' }));
    const overturn = decidedEvent(
      decidedFixture({ decision: 'APPROVED', decidedAt: '2026-03-16T02:00:00.000Z', overturns: { decision: 'REJECTED', decidedAt: '2026-03-12T02:00:00.000Z' } }),
    );

    await consumer.handle(refusal, delivery);
    expect(await licences.findByCase(refusal.data.caseId)).toBeNull();
    await consumer.handle(overturn, delivery);
    await consumer.handle(refusal, delivery);

    expect(await licences.findByCase(overturn.data.caseId)).toMatchObject({ caseId: overturn.data.caseId });
    expect((await outboxEvents(store)).map((e) => e.type)).toEqual([EVENT_TYPES.LICENCE_ISSUED]);
  });

  it('ignores task.created', async () => {
    const { store, issueLicence } = await certificateFixture();
    const taskCreated = newEvent({
      type: EVENT_TYPES.TASK_CREATED,
      source: 'onewindow/approval',
      subject: 'case-1',
      time: new Date(),
      data: { taskId: 'case-1:review', caseId: 'case-1', caseNumber: 'N-1', role: 'approver', orgUnit: '510100', createdAt: '2026-03-11T02:00:00.000Z' },
    });

    await caseDecidedConsumer(issueLicence).handle(taskCreated, delivery);

    expect(await outboxEvents(store)).toEqual([]);
  });
});
