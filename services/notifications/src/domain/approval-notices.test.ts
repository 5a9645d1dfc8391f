import { EVENT_TYPES } from '@onewindow/events/catalog';
import { ManualClock } from '@onewindow/kernel/clock';
import type { Store } from '@onewindow/store/port';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inAppChannel, storeInbox } from '../adapters/inbox.js';
import { Notify } from '../app/notify.js';
import { APPLICANT_ID, CASE_ID, eventOf, tempStore } from '../testing/fixtures.js';
import { noticeFor, staffNoticesFor } from './notice.js';
import { placeholdersIn, render } from './template.js';
import { CLOCK_NOTICE_TYPES, STAFF_NOTICE_TYPES, templateFor } from './templates.js';

let store: Store;
let close: () => Promise<void>;
beforeEach(() => ({ store, close } = tempStore()));
afterEach(() => close());

describe('approval’s written notices to the applicant (issue 6)', () => {
  it.each(CLOCK_NOTICE_TYPES)('tells the applicant about %s, in both languages, with no hole', (type) => {
    const notice = noticeFor(eventOf(type));
    expect(notice).toMatchObject({ recipientId: APPLICANT_ID, caseId: CASE_ID, template: type });
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = render(templateFor(type), locale, notice!.values);
      expect(placeholdersIn(text.title + text.body)).toEqual([]);
      expect(text.body).toContain('SC510100-2026-000001');
    }
  });

  it('says why the clock stopped and how many working days remain', () => {
    const notice = noticeFor(eventOf(EVENT_TYPES.CASE_SUSPENDED))!;
    expect(render(templateFor(notice.template), 'zh-CN', notice.values).body).toBe(
      '您的办件 SC510100-2026-000001（不动产转移登记）因现场勘查中止计算办理时限，原因：需现场勘查房屋现状。中止期间不计入办理时限，恢复计算后剩余 4 个工作日。',
    );
  });

  it('names the extension’s days, reason and new deadlines', () => {
    const notice = noticeFor(eventOf(EVENT_TYPES.CASE_EXTENDED))!;
    expect(render(templateFor(notice.template), 'en', notice.values).body).toContain('extended by 10 working days: 需组织专家论证. Promised by 2026-03-25, at the latest by 2026-04-16.');
  });
});

describe('electronic supervision’s notices to staff', () => {
  it('tells the handler, their section chief and the supervisor of a warning, one message each', async () => {
    const event = eventOf(EVENT_TYPES.CASE_WARNING_RAISED);
    expect(noticeFor(event)).toBeNull();
    expect(staffNoticesFor(event).map((n) => n.recipientId)).toEqual([
      'u-approver',
      'role:approver@510100/不动产登记中心',
      'role:section_chief@510100/不动产登记中心',
      'role:supervisor@510100',
    ]);
    const notify = new Notify([inAppChannel(store)], new ManualClock('2026-03-10T02:00:01Z'));
    await notify.execute(event);
    await notify.execute(event);
    const messages = await storeInbox(store).forCase(CASE_ID);
    expect(messages).toHaveLength(4);
    expect(new Set(messages.map((m) => m.id)).size).toBe(4);
    expect(messages[0]?.texts['zh-CN'].title).toBe('电子监察黄牌（超承诺时限）：SC510100-2026-000001');
  });

  it.each(STAFF_NOTICE_TYPES)('renders %s in both languages with no hole', (type) => {
    for (const notice of staffNoticesFor(eventOf(type))) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = render(templateFor(type), locale, notice.values);
        expect(placeholdersIn(text.title + text.body)).toEqual([]);
      }
    }
  });
});
