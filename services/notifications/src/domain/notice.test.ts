import { EVENT_TYPES } from '@onewindow/events/catalog';
import { describe, expect, it } from 'vitest';
import { APPLICANT_ID, CASE_ID, eventOf } from '../testing/fixtures.js';
import { formatYuan, noticeFor } from './notice.js';
import { placeholdersIn, render } from './template.js';
import { NOTIFIED_TYPES, TEMPLATES } from './templates.js';

describe('noticeFor', () => {
  it.each(NOTIFIED_TYPES)('tells the applicant about %s', (type) => {
    const notice = noticeFor(eventOf(type));
    expect(notice).toMatchObject({ recipientId: APPLICANT_ID, caseId: CASE_ID, template: type });
  });

  it('tells no applicant about a task created for staff', () => {
    expect(noticeFor(eventOf(EVENT_TYPES.TASK_CREATED))).toBeNull();
  });

  it('addresses a licence to its holder', () => {
    const notice = noticeFor(eventOf(EVENT_TYPES.LICENCE_ISSUED, { holderId: 'u-holder' }));
    expect(notice?.recipientId).toBe('u-holder');
  });

  it('renders a bill amount in yuan from integer fen', () => {
    const notice = noticeFor(eventOf(EVENT_TYPES.BILL_ISSUED, { amountFen: 8050 }));
    expect(render(TEMPLATES[EVENT_TYPES.BILL_ISSUED], 'zh-CN', notice!.values).body).toContain('80.50 元');
  });

  it('renders a rejection as such, in both languages', () => {
    const notice = noticeFor(eventOf(EVENT_TYPES.CASE_DECIDED, { decision: 'REJECTED' }))!;
    const template = TEMPLATES[EVENT_TYPES.CASE_DECIDED];
    expect(render(template, 'zh-CN', notice.values).title).toBe('审批结果：不予办理');
    expect(render(template, 'en', notice.values).title).toBe('Decision: not approved');
  });
});

describe('the template table', () => {
  it.each(NOTIFIED_TYPES)('renders %s in both languages with only the values its event gives', (type) => {
    const { values } = noticeFor(eventOf(type))!;
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = render(TEMPLATES[type], locale, values);
      expect(placeholdersIn(text.title + text.body)).toEqual([]);
      expect(text.body).toContain('SC510100-2026-000001');
    }
  });

  it('writes the Chinese texts in Chinese', () => {
    for (const type of NOTIFIED_TYPES) expect(TEMPLATES[type].texts['zh-CN'].title).toMatch(/\p{Script=Han}/u);
  });
});

describe('formatYuan', () => {
  it('formats fen as yuan with two decimals', () => {
    expect([formatYuan(0), formatYuan(5), formatYuan(8000), formatYuan(123456789)]).toEqual(['0.00', '0.05', '80.00', '1234567.89']);
  });

  it('refuses a fraction of a fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});
