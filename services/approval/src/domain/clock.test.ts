import { describe, expect, it } from 'vitest';
import { apply, calendar, defaultFor, jointDefinition, openedCase, serialDefinition, SUPERVISION } from '../testing/fixtures.js';
import { actor } from './actor.js';
import { extendCase, markGreenChannel, remainingToday, resumeCase, suspendCase } from './clock.js';
import { evaluateClock } from './supervision.js';
import { completeTask } from './workflow.js';

const at = (iso: string) => new Date(iso);
const zhao = actor({ subject: 'u-zhao', username: 'zhao' });
const head = actor({ subject: 'u-head', username: 'feng.head' });
/** Accepted Tue 2026-02-10 (China): 5 working days promised end Tue 02-24 (make-up Sat 02-14 counts, Spring Festival 02-15..23 does not). */
const beforeSpringFestival = () => openedCase(defaultFor(), { acceptedAt: '2026-02-10T02:00:00.000Z' }, at('2026-02-10T02:00:05Z'));
const siteInspection = { kind: 'SITE_INSPECTION', reason: '需现场核查经营场所', expectedDays: 5 };

describe('suspending the clock (special procedures, supplement requests)', () => {
  it('stops both limits and every step limit, and restores exactly the working days that remained', () => {
    const c = beforeSpringFestival();
    expect(c.clock.promised.deadline).toBe('2026-02-24');
    // Suspended on Thu 02-12: two working days used (02-11, 02-12), three left.
    const suspended = apply(suspendCase(c, zhao, siteInspection, at('2026-02-12T06:00:00Z'), calendar));
    expect(suspended.status).toBe('SUSPENDED');
    expect(suspended.clock.suspensions[0]).toMatchObject({ kind: 'SITE_INSPECTION', remainingPromised: 3, remainingStatutory: 18 });
    // Nothing counts while suspended, holidays or not.
    expect(remainingToday(suspended, at('2026-02-25T06:00:00Z'), calendar)).toEqual({ promised: 3, statutory: 18 });
    // Resumed Thu 02-26: Fri 02-27, make-up Sat 02-28, Mon 03-02.
    const resumed = apply(resumeCase(suspended, zhao, at('2026-02-26T01:00:00Z'), calendar));
    expect(resumed.status).toBe('IN_PROGRESS');
    expect(remainingToday(resumed, at('2026-02-26T09:00:00Z'), calendar)).toEqual({ promised: 3, statutory: 18 });
    expect(resumed.clock.promised.deadline).toBe('2026-03-02');
    expect(resumed.clock.suspensions[0]).toMatchObject({ workingDaysSuspended: 5, resumedBy: zhao });
  });

  it('refuses to decide while suspended, to suspend twice, and to resume what is running', () => {
    const c = beforeSpringFestival();
    const suspended = apply(suspendCase(c, zhao, siteInspection, at('2026-02-12T06:00:00Z'), calendar));
    expect(() => completeTask(suspended, `${c.id}:review`, zhao, { outcome: 'APPROVE', opinion: '同意', legalBasis: [] }, at('2026-02-13T01:00:00Z'), calendar)).toThrow(
      expect.objectContaining({ code: 'CASE_SUSPENDED' }),
    );
    expect(() => suspendCase(suspended, zhao, siteInspection, at('2026-02-13T01:00:00Z'), calendar)).toThrow(expect.objectContaining({ code: 'CASE_ALREADY_SUSPENDED' }));
    expect(() => resumeCase(c, zhao, at('2026-02-13T01:00:00Z'), calendar)).toThrow(expect.objectContaining({ code: 'CASE_NOT_SUSPENDED' }));
  });

  it('names every problem with a suspension request at once', () => {
    expect(() => suspendCase(beforeSpringFestival(), zhao, { kind: 'NAP', reason: '', expectedDays: -1 }, at('2026-02-12T06:00:00Z'), calendar)).toThrow(
      expect.objectContaining({ code: 'SUSPENSION_INVALID', details: [expect.objectContaining({ field: 'kind' }), expect.objectContaining({ field: 'reason' }), expect.objectContaining({ field: 'expectedDays' })] }),
    );
  });

  it('pauses a step’s own limit with the case', () => {
    const c = openedCase(serialDefinition());
    const suspended = apply(suspendCase(c, zhao, { kind: 'EXPERT_REVIEW', reason: '专家评审', expectedDays: 0 }, at('2026-03-12T06:00:00Z'), calendar));
    expect(suspended.tasks[0]?.stepClock).toMatchObject({ runningSince: null, remaining: 2 });
    const resumed = apply(resumeCase(suspended, zhao, at('2026-03-20T06:00:00Z'), calendar));
    expect(resumed.tasks[0]?.stepClock).toMatchObject({ runningSince: '2026-03-20', remaining: 2, deadline: '2026-03-24' });
  });
});

describe('extensions, the agency head’s explicit act', () => {
  it('adds the days to both limits and records who approved and why', () => {
    const extended = apply(extendCase(openedCase(defaultFor()), head, { days: 10, reason: '需补充专家论证' }, at('2026-03-13T02:00:00Z'), calendar));
    expect(extended.clock.promised).toMatchObject({ limitDays: 15, extendedDays: 10, deadline: '2026-04-01' });
    expect(extended.clock.statutory).toMatchObject({ limitDays: 30, deadline: '2026-04-23' });
    expect(extended.clock.extensions).toEqual([{ days: 10, reason: '需补充专家论证', approvedBy: head, at: '2026-03-13T02:00:00.000Z' }]);
    expect(extended.timeline.at(-1)).toMatchObject({ type: 'CASE_EXTENDED', actor: 'feng.head', detail: { days: 10, reason: '需补充专家论证' } });
  });

  it('stops at the statutory maximum: 10 working days in all, 15 for joint handling', () => {
    const once = apply(extendCase(openedCase(defaultFor()), head, { days: 6, reason: '延期' }, at('2026-03-13T02:00:00Z'), calendar));
    expect(() => extendCase(once, head, { days: 5, reason: '再延期' }, at('2026-03-13T02:00:00Z'), calendar)).toThrow(
      expect.objectContaining({ code: 'EXTENSION_TOO_LONG', message: 'at most 10 working days may be added in all; 4 remain' }),
    );
    const joint = openedCase(jointDefinition(), { itemCode: 'ZJ-XK-003', caseKind: 'JOINT', orgUnit: '510107' });
    expect(apply(extendCase(joint, head, { days: 15, reason: '联合审查延期' }, at('2026-03-13T02:00:00Z'), calendar)).clock.extensions).toHaveLength(1);
  });
});

describe('green channel (绿色通道)', () => {
  it('marks the case once, for everyone to see', () => {
    const marked = apply(markGreenChannel(openedCase(defaultFor()), head, '省重点项目', at('2026-03-12T02:00:00Z')));
    expect(marked.greenChannel).toEqual({ reason: '省重点项目', markedBy: head, markedAt: '2026-03-12T02:00:00.000Z' });
    expect(markGreenChannel(marked, head, '再次', at('2026-03-12T03:00:00Z')).facts).toEqual([]);
  });
});

describe('provisional deadlines', () => {
  it('counts into a year without a schedule on weekends only, marked provisional, and recounts once the year is loaded', () => {
    // Accepted Mon 2026-12-28: 5 working days run into 2027, whose schedule is not published.
    const c = openedCase(defaultFor(), { acceptedAt: '2026-12-28T02:00:00.000Z' }, at('2026-12-28T02:00:05Z'));
    expect(c.clock.promised).toMatchObject({ deadline: '2027-01-04', provisional: true });
    // The State Council's notice is out: in this fixture New Year's Day and the Monday after are off.
    const with2027 = calendar.withSchedule({ year: 2027, holidays: { 元旦: ['2027-01-01', '2027-01-04'] }, makeUpWorkdays: [] });
    const change = evaluateClock(c, at('2026-12-29T02:00:00Z'), with2027, SUPERVISION);
    expect(apply(change).clock.promised).toMatchObject({ deadline: '2027-01-06', provisional: false });
    expect(change.facts.map((f) => f.type)).toEqual(['DEADLINES_RECOUNTED']);
  });
});
