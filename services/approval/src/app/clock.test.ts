import { EVENT_TYPES } from '@onewindow/events';
import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, applicant, approver, approverElsewhere, chief, head, otherApprover } from '../testing/fixtures.js';
import { approvalFixture, outboxEvents } from '../testing/store.js';

const CASE = acceptedCaseFixture().caseId;

async function opened() {
  const f = await approvalFixture('2026-02-10T02:00:05Z');
  await f.useCases.openCase.execute(acceptedCaseFixture({ acceptedAt: '2026-02-10T02:00:00.000Z' }));
  return f;
}

describe('suspending and resuming the clock', () => {
  it('tells the applicant in writing (case.suspended, case.resumed) and restores the remaining days exactly', async () => {
    const f = await opened();
    f.clock.set('2026-02-12T06:00:00Z');
    const suspended = await f.useCases.suspendCase.execute(approver(), { caseId: CASE, kind: 'SUPPLEMENT', reason: '请补正食品安全管理制度文本', expectedDays: 5 });
    expect(suspended.status).toBe('SUSPENDED');
    f.clock.set('2026-02-26T01:00:00Z');
    const resumed = await f.useCases.resumeCase.execute(approver(), { caseId: CASE });
    expect(resumed.clock.promised.deadline).toBe('2026-03-02');
    const events = await outboxEvents(f.store);
    expect(events.find((e) => e.type === EVENT_TYPES.CASE_SUSPENDED)?.data).toMatchObject({
      applicantId: 'u-applicant-zhang',
      kind: 'SUPPLEMENT',
      reason: '请补正食品安全管理制度文本',
      remainingPromisedDays: 3,
      suspendedBy: { username: 'zhao.approver' },
    });
    expect(events.find((e) => e.type === EVENT_TYPES.CASE_RESUMED)?.data).toMatchObject({ workingDaysSuspended: 5, promisedDeadline: '2026-03-02', statutoryDeadline: '2026-03-23' });
  });

  it('is refused to staff of another org unit and to the applicant', async () => {
    const f = await opened();
    await expect(f.useCases.suspendCase.execute(approverElsewhere(), { caseId: CASE, kind: 'HEARING', reason: '听证', expectedDays: 0 })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(f.useCases.suspendCase.execute(applicant(), { caseId: CASE, kind: 'HEARING', reason: '听证', expectedDays: 0 })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(f.useCases.suspendCase.execute(approver(), { caseId: 'nope', kind: 'HEARING', reason: '听证', expectedDays: 0 })).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
  });
});

describe('extensions and the green channel', () => {
  it('extends with the agency head’s approval, announced with the new deadlines; an approver or chief may not', async () => {
    const f = await opened();
    await expect(f.useCases.extendCase.execute(otherApprover(), { caseId: CASE, days: 10, reason: '复杂' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(f.useCases.extendCase.execute(chief(), { caseId: CASE, days: 10, reason: '复杂' })).rejects.toMatchObject({ kind: 'forbidden' });
    const extended = await f.useCases.extendCase.execute(head(), { caseId: CASE, days: 10, reason: '需组织专家论证' });
    expect(extended.clock.extensions).toHaveLength(1);
    expect((await outboxEvents(f.store)).at(-1)).toMatchObject({
      type: EVENT_TYPES.CASE_EXTENDED,
      data: { days: 10, reason: '需组织专家论证', approvedBy: { username: 'feng.head' }, promisedDeadline: '2026-03-09' },
    });
  });

  it('marks the green channel, shown on the task in everyone’s inbox, first in the list', async () => {
    const f = await opened();
    await f.useCases.openCase.execute(acceptedCaseFixture({ caseId: 'case-earlier-but-plain', acceptedAt: '2026-02-09T02:00:00.000Z' }));
    await f.useCases.markGreenChannel.execute(head(), { caseId: CASE, reason: '省重点项目' });
    const inbox = await f.useCases.listTasks.execute(approver(), { status: '' });
    expect(inbox.map((t) => [t.caseId, t.greenChannel])).toEqual([
      [CASE, true],
      ['case-earlier-but-plain', false],
    ]);
    expect((await outboxEvents(f.store)).at(-1)).toMatchObject({ type: EVENT_TYPES.GREEN_CHANNEL_MARKED, data: { reason: '省重点项目' } });
    await expect(f.useCases.markGreenChannel.execute(approver(), { caseId: CASE, reason: 'x' })).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
