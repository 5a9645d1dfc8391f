import { EVENT_TYPES } from '@onewindow/events';
import { ManualClock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INBOX, inAppChannel, storeInbox } from '../adapters/inbox.js';
import { OUTBOUND, outboundChannel } from '../adapters/outbound.js';
import type { Message } from '../domain/message.js';
import { NOTIFIED_TYPES } from '../domain/templates.js';
import { APPLICANT_ID, CASE_ID, codeRequestedEvent, eventOf, tempStore } from '../testing/fixtures.js';
import { Notify } from './notify.js';

const NOW = '2026-03-02T02:00:01.000Z';

let store: Store;
let close: () => Promise<void>;
beforeEach(() => ({ store, close } = tempStore()));
afterEach(() => close());

const notify = () => new Notify([inAppChannel(store)], new ManualClock(NOW));

describe('Notify', () => {
  it("records a rendered message in the applicant's in-app inbox", async () => {
    const event = eventOf(EVENT_TYPES.CASE_ACCEPTED);

    const results = await notify().execute(event);

    expect(results).toEqual([{ channel: 'IN_APP', messageId: `${event.id}:IN_APP`, status: 'DELIVERED' }]);
    const [message] = await storeInbox(store).forCase(CASE_ID);
    expect(message).toMatchObject({
      recipientId: APPLICANT_ID,
      channel: 'IN_APP',
      eventId: event.id,
      eventType: EVENT_TYPES.CASE_ACCEPTED,
      template: EVENT_TYPES.CASE_ACCEPTED,
      createdAt: NOW,
      occurredAt: event.time,
    });
    expect(message?.texts['zh-CN']).toEqual({
      title: '申请已受理',
      body: '您的办件 SC510100-2026-000001（不动产转移登记）已由市场监督管理局受理，承诺于 5 个工作日内办结。',
    });
    expect(message?.texts.en.title).toBe('Application accepted');
  });

  it('records one message per event and channel however often the event arrives', async () => {
    const event = eventOf(EVENT_TYPES.BILL_ISSUED);

    await notify().execute(event);
    const again = await notify().execute(event);

    expect(again.map((r) => r.status)).toEqual(['DUPLICATE']);
    expect(await storeInbox(store).forCase(CASE_ID)).toHaveLength(1);
  });

  it('lists the messages in the order the steps happened, whatever order the topics delivered them in', async () => {
    for (const type of [...NOTIFIED_TYPES].reverse()) await notify().execute(eventOf(type));

    const messages = await storeInbox(store).forCase(CASE_ID);
    expect(messages.map((m) => m.eventType)).toEqual([
      EVENT_TYPES.CASE_SUBMITTED,
      EVENT_TYPES.CASE_ACCEPTED,
      EVENT_TYPES.BILL_ISSUED,
      EVENT_TYPES.CASE_DECIDED,
      EVENT_TYPES.LICENCE_ISSUED,
      EVENT_TYPES.CASE_CLOSED,
    ]);
  });

  it('records nothing for a task created for staff', async () => {
    expect(await notify().execute(eventOf(EVENT_TYPES.TASK_CREATED))).toEqual([]);
    expect(await storeInbox(store).forCase(CASE_ID)).toEqual([]);
  });

  it('sends a one-time code to the contact by SMS and never into the inbox, once however often it arrives', async () => {
    const sms = outboundChannel(store, 'SMS');
    const notifyAll = new Notify([inAppChannel(store), sms, outboundChannel(store, 'EMAIL')], new ManualClock(NOW));
    const event = codeRequestedEvent();

    expect(await notifyAll.execute(event)).toEqual([{ channel: 'SMS', messageId: `${event.id}:SMS`, status: 'DELIVERED' }]);
    expect((await notifyAll.execute(event)).map((r) => r.status)).toEqual(['DUPLICATE']);

    const queued = (await store.collection<Message>(OUTBOUND).find({ recipientId: APPLICANT_ID })).map((m) => m.value);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ channel: 'SMS', destination: { kind: 'mobile', value: '13912345678' } });
    expect(queued[0]?.texts['zh-CN'].body).toContain('048213');
    expect(await store.collection<Message>(INBOX).count({})).toBe(0);
  });

  it('fails, to be retried and dead-lettered, when the channel a code needs is missing', async () => {
    const err = await notify().execute(codeRequestedEvent({ kind: 'email', destination: 'zhang@example.com' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unavailable', code: 'CHANNEL_NOT_CONFIGURED' });
  });
});
