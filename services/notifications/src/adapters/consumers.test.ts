import { EVENT_TYPES, TOPICS, type EventEnvelope } from '@onewindow/events';
import { ManualClock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Notify } from '../app/notify.js';
import { APPLICANT_ID, CASE_ID, codeRequestedEvent, eventOf, tempStore } from '../testing/fixtures.js';
import { contactVerificationConsumer, notifyConsumer } from './consumers.js';
import { OUTBOUND, outboundChannel } from './outbound.js';
import type { Message } from '../domain/message.js';
import { inAppChannel, storeInbox } from './inbox.js';

let store: Store;
let close: () => Promise<void>;
beforeEach(() => ({ store, close } = tempStore()));
afterEach(() => close());

const delivery = { topic: TOPICS.APPROVAL_CASE, key: CASE_ID, value: '', partition: 0, offset: '0', headers: {} };
const consumer = () => notifyConsumer(new Notify([inAppChannel(store)], new ManualClock('2026-03-02T02:00:00Z')));

describe('notifyConsumer', () => {
  it('listens to the intake, approval, certificate and fees topics, for the types it has a template for', () => {
    expect([...consumer().topics].sort()).toEqual([TOPICS.INTAKE_CASE, TOPICS.APPROVAL_CASE, TOPICS.CERTIFICATE_LICENCE, TOPICS.FEES_BILL].sort());
    const types = consumer().types ?? [];
    for (const type of [EVENT_TYPES.CASE_DECIDED, EVENT_TYPES.CASE_SUSPENDED, EVENT_TYPES.CASE_WARNING_RAISED, EVENT_TYPES.BILL_ISSUED]) expect(types).toContain(type);
    for (const type of [EVENT_TYPES.TASK_CREATED, EVENT_TYPES.TASK_CLAIMED, EVENT_TYPES.TASK_COMPLETED, EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED]) expect(types).not.toContain(type);
  });

  it('records a message for a catalogued event about the applicant', async () => {
    await consumer().handle(eventOf(EVENT_TYPES.CASE_DECIDED), delivery);

    const messages = await storeInbox(store).forCase(CASE_ID);
    expect(messages.map((m) => m.texts['zh-CN'].title)).toEqual(['审批结果：准予办理']);
  });

  it('leaves an event type it does not know (a newer version) alone', async () => {
    const future: EventEnvelope = { ...eventOf(EVENT_TYPES.CASE_SUBMITTED), type: 'onewindow.intake.case.submitted.v2' };

    await consumer().handle(future, delivery);

    expect(await storeInbox(store).forCase(CASE_ID)).toEqual([]);
  });
});

describe('contactVerificationConsumer', () => {
  it("listens to identity's contact-verification topic in a group of its own and queues the code for the SMS gateway", async () => {
    const notify = new Notify([inAppChannel(store), outboundChannel(store, 'SMS')], new ManualClock('2026-03-02T02:00:00Z'));
    const codes = contactVerificationConsumer(notify);
    expect(codes.topics).toEqual([TOPICS.IDENTITY_CONTACT_VERIFICATION]);
    expect(codes.types).toEqual([EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED]);
    expect(codes.group).not.toBe(notifyConsumer(notify).group);

    await codes.handle(codeRequestedEvent(), { topic: TOPICS.IDENTITY_CONTACT_VERIFICATION, key: APPLICANT_ID, value: '', partition: 0, offset: '0', headers: {} });

    const queued = await store.collection<Message>(OUTBOUND).find({ recipientId: APPLICANT_ID });
    expect(queued.map((m) => m.value.texts['zh-CN'].body)).toEqual([expect.stringContaining('048213')]);
  });
});
