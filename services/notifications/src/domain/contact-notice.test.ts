import { describe, expect, it } from 'vitest';
import { APPLICANT_ID, codeRequestedEvent, eventOf } from '../testing/fixtures.js';
import { EVENT_TYPES } from '@onewindow/events/catalog';
import { channelsFor, composeMessage } from './message.js';
import { contactNoticeFor } from './notice.js';

const ARRIVED = new Date('2026-03-02T02:00:05.000Z');

describe('a one-time code for a contact', () => {
  it('goes to the number it names, by SMS only, stating the code and until when it is valid', () => {
    const notice = contactNoticeFor(codeRequestedEvent(), ARRIVED);
    expect(notice).toMatchObject({ recipientId: APPLICANT_ID, caseId: '', destination: { kind: 'mobile', value: '13912345678' } });
    expect(channelsFor(notice!)).toEqual(['SMS']);
    const message = composeMessage(notice!, { eventId: 'e-1', eventType: EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED, occurredAt: ARRIVED.toISOString() }, 'SMS', ARRIVED);
    expect(message).toMatchObject({ id: 'e-1:SMS', channel: 'SMS', recipientId: APPLICANT_ID, destination: { kind: 'mobile', value: '13912345678' } });
    expect(message.texts['zh-CN'].body).toBe('您的验证码为 048213，10 分钟内有效（北京时间 2026-03-02 10:10 前）。请勿告诉他人；如非本人操作，请忽略本消息。');
    expect(message.texts.en.body).toContain('Your verification code is 048213. It is valid for 10 minutes (until 2026-03-02 10:10 Beijing time).');
  });

  it('goes to an email address by EMAIL', () => {
    const notice = contactNoticeFor(codeRequestedEvent({ kind: 'email', destination: 'zhang@example.com' }), ARRIVED);
    expect(channelsFor(notice!)).toEqual(['EMAIL']);
  });

  it('is not sent when it arrives with less than a minute left', () => {
    expect(contactNoticeFor(codeRequestedEvent(), new Date('2026-03-02T02:09:01.000Z'))).toBeNull();
    expect(contactNoticeFor(codeRequestedEvent(), new Date('2026-03-02T02:09:00.000Z'))).not.toBeNull();
  });

  it('is no notice for other events, which keep going to the inbox', () => {
    expect(contactNoticeFor(eventOf(EVENT_TYPES.CASE_ACCEPTED), ARRIVED)).toBeNull();
  });
});
