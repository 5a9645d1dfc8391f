import { EVENT_TYPES, TOPICS, type EventEnvelope } from '@onewindow/events';
import { ManualClock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Notify } from '../app/notify.js';
import { CASE_ID, eventOf, tempStore } from '../testing/fixtures.js';
import { notifyConsumer } from './consumers.js';
import { inAppChannel, storeInbox } from './inbox.js';

let store: Store;
let close: () => Promise<void>;
beforeEach(() => ({ store, close } = tempStore()));
afterEach(() => close());

const consumer = () => notifyConsumer(new Notify([inAppChannel(store)], new ManualClock('2026-03-02T02:00:00Z')));

describe('notifyConsumer', () => {
  it('listens to the intake, approval, certificate and fees topics', () => {
    expect([...consumer().topics].sort()).toEqual([TOPICS.INTAKE_CASE, TOPICS.APPROVAL_CASE, TOPICS.CERTIFICATE_LICENCE, TOPICS.FEES_BILL].sort());
  });

  it('records a message for a catalogued event about the applicant', async () => {
    await consumer().handle(eventOf(EVENT_TYPES.CASE_DECIDED));

    const messages = await storeInbox(store).forCase(CASE_ID);
    expect(messages.map((m) => m.texts['zh-CN'].title)).toEqual(['审批结果：准予办理']);
  });

  it('leaves an event type it does not know (a newer version) alone', async () => {
    const future: EventEnvelope = { ...eventOf(EVENT_TYPES.CASE_SUBMITTED), type: 'onewindow.intake.case.submitted.v2' };

    await consumer().handle(future);

    expect(await storeInbox(store).forCase(CASE_ID)).toEqual([]);
  });
});
