import { DomainError } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, actorFixture, taskFixture } from '../testing/fixtures.js';
import { claimTask, completeTask, openReviewTask, parseTaskStatus, type Decision } from './task.js';

const now = new Date('2026-03-12T01:00:00Z');
const zhao = actorFixture();
const qian = actorFixture({ subject: 'u-approver-qian', username: 'qian.approver' });
const approve: Decision = { outcome: 'APPROVE', opinion: '材料齐全，符合条件，准予许可。', legalBasis: ['《食品安全法》第三十五条'] };

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('openReviewTask', () => {
  it('opens a review task for approvers at the case org unit, carrying the case facts', () => {
    const accepted = acceptedCaseFixture({ orgUnit: '510104', caseId: 'case-7' });
    const deadline = { limitDays: 5, date: '2026-03-18', provisional: false };

    const task = openReviewTask(accepted, { promised: deadline, statutory: { ...deadline, limitDays: 20 } }, now);

    expect(task).toMatchObject({
      id: 'case-7:review',
      caseId: 'case-7',
      step: 'review',
      role: 'approver',
      orgUnit: '510104',
      status: 'OPEN',
      assignee: null,
      applicantName: '张三',
      resultLicenceType: 'FOOD_BUSINESS_LICENCE',
      createdAt: now.toISOString(),
      promisedDeadline: deadline,
    });
    expect(task.statutoryDeadline.limitDays).toBe(20);
  });

  it('derives the same task id from the same case, so a redelivered event finds the task', () => {
    const deadline = { limitDays: 1, date: '2026-03-12', provisional: false };
    const first = openReviewTask(acceptedCaseFixture(), { promised: deadline, statutory: deadline }, now);
    const again = openReviewTask(acceptedCaseFixture(), { promised: deadline, statutory: deadline }, new Date());
    expect(again.id).toBe(first.id);
  });

  it('refuses a case without an org unit', () => {
    const deadline = { limitDays: 1, date: '2026-03-12', provisional: false };
    const err = errorOf(() => openReviewTask(acceptedCaseFixture({ orgUnit: ' ' }), { promised: deadline, statutory: deadline }, now));
    expect(err.code).toBe('TASK_ORG_UNIT_REQUIRED');
  });
});

describe('claimTask', () => {
  it('gives an open task to the claiming approver', () => {
    const claimed = claimTask(taskFixture(), zhao, now);
    expect(claimed).toMatchObject({ status: 'CLAIMED', assignee: 'u-approver-zhao', claimedAt: now.toISOString() });
  });

  it('leaves a task the approver already holds unchanged', () => {
    const held = taskFixture({ status: 'CLAIMED', assignee: zhao.subject, claimedAt: '2026-03-11T09:00:00.000Z' });
    expect(claimTask(held, zhao, now)).toBe(held);
  });

  it('refuses to claim a task held by someone else', () => {
    const held = taskFixture({ status: 'CLAIMED', assignee: qian.subject });
    const err = errorOf(() => claimTask(held, zhao, now));
    expect(err).toMatchObject({ kind: 'precondition', code: 'TASK_ALREADY_CLAIMED' });
  });

  it('refuses to claim a task that is done', () => {
    const err = errorOf(() => claimTask(taskFixture({ status: 'DONE', assignee: zhao.subject }), zhao, now));
    expect(err).toMatchObject({ kind: 'precondition', code: 'TASK_WRONG_STATE' });
  });
});

describe('completeTask', () => {
  it('approves a claimed task with the opinion, legal basis and who decided', () => {
    const held = claimTask(taskFixture(), zhao, new Date('2026-03-11T09:00:00Z'));

    const done = completeTask(held, zhao, approve, now);

    expect(done).toMatchObject({
      status: 'DONE',
      outcome: 'APPROVE',
      opinion: approve.opinion,
      legalBasis: approve.legalBasis,
      completedAt: now.toISOString(),
      completedBy: 'zhao.approver',
      assignee: 'u-approver-zhao',
      claimedAt: '2026-03-11T09:00:00.000Z',
    });
  });

  it('claims an open task for the approver on the way to completing it', () => {
    const done = completeTask(taskFixture(), zhao, { ...approve, outcome: 'REJECT', opinion: '经营场所不符合要求。' }, now);
    expect(done).toMatchObject({ status: 'DONE', outcome: 'REJECT', assignee: zhao.subject, claimedAt: now.toISOString() });
  });

  it("refuses to complete someone else's task", () => {
    const held = taskFixture({ status: 'CLAIMED', assignee: qian.subject });
    const err = errorOf(() => completeTask(held, zhao, approve, now));
    expect(err).toMatchObject({ kind: 'forbidden', code: 'TASK_CLAIMED_BY_OTHER' });
  });

  it('refuses to complete a task twice', () => {
    const done = completeTask(taskFixture(), zhao, approve, now);
    const err = errorOf(() => completeTask(done, zhao, approve, now));
    expect(err).toMatchObject({ kind: 'precondition', code: 'TASK_WRONG_STATE' });
  });

  it('refuses a refusal without a reason', () => {
    const err = errorOf(() => completeTask(taskFixture(), zhao, { outcome: 'REJECT', opinion: '  ', legalBasis: [] }, now));
    expect(err.code).toBe('TASK_DECISION_INVALID');
    expect(err.details).toEqual([{ field: 'opinion', message: 'a refusal must state its reason' }]);
  });

  it('reports a missing outcome and a missing opinion at once', () => {
    const err = errorOf(() => completeTask(taskFixture(), zhao, { outcome: null, opinion: '', legalBasis: [] }, now));
    expect(err.details.map((d) => d.field)).toEqual(['outcome', 'opinion']);
  });

  it('trims the opinion and drops blank and repeated legal bases', () => {
    const done = completeTask(taskFixture(), zhao, { outcome: 'APPROVE', opinion: ' 同意 ', legalBasis: ['甲', ' ', '甲 ', '乙'] }, now);
    expect(done.opinion).toBe('同意');
    expect(done.legalBasis).toEqual(['甲', '乙']);
  });

  it('refuses an opinion longer than the limit', () => {
    const err = errorOf(() => completeTask(taskFixture(), zhao, { ...approve, opinion: '长'.repeat(2001) }, now));
    expect(err.details).toEqual([{ field: 'opinion', message: 'at most 2000 characters' }]);
  });
});

describe('parseTaskStatus', () => {
  it('defaults to OPEN and knows every status', () => {
    expect(['', 'OPEN', 'CLAIMED', 'DONE'].map(parseTaskStatus)).toEqual(['OPEN', 'OPEN', 'CLAIMED', 'DONE']);
  });

  it('refuses anything else', () => {
    expect(errorOf(() => parseTaskStatus('open')).code).toBe('TASK_STATUS_INVALID');
  });
});
