import { describe, expect, it } from 'vitest';
import { apply, calendar, defaultFor, openedCase } from '../testing/fixtures.js';
import { actor } from './actor.js';
import type { ApprovalCase } from './case.js';
import { requestInternalReview } from './internal-review.js';
import { claimTask } from './tasks.js';
import { completeTask } from './workflow.js';

const at = (iso: string) => new Date(iso);
const zhao = actor({ subject: 'u-zhao', username: 'zhao' });
const qian = actor({ subject: 'u-qian', username: 'qian' });
const zhang = actor({ subject: 'u-applicant-zhang', username: 'applicant-demo' });

function refused(): ApprovalCase {
  const c = openedCase(defaultFor());
  return apply(completeTask(c, `${c.id}:review`, zhao, { outcome: 'REJECT', opinion: '经营场所不符合要求', legalBasis: ['《食品安全法》第三十五条'] }, at('2026-03-12T02:00:00Z'), calendar));
}

describe('internal review (复核) of a refusal', () => {
  it('opens a review task for the same role, org unit and agency, barred to the approver who refused', () => {
    const c = apply(requestInternalReview(refused(), zhang, '场所已整改，请求复核', at('2026-03-13T02:00:00Z'), calendar));
    const task = c.tasks.find((t) => t.kind === 'INTERNAL_REVIEW');
    expect(task).toMatchObject({ id: `${c.id}:internal-review`, role: 'approver', orgUnit: '510100', agency: '市场监督管理局', status: 'OPEN', excludedSubjects: ['u-zhao'] });
    expect(c.internalReview).toMatchObject({ status: 'PENDING', reason: '场所已整改，请求复核' });
    expect(() => claimTask(c, task!.id, zhao, at('2026-03-13T03:00:00Z'))).toThrow(expect.objectContaining({ code: 'INTERNAL_REVIEW_SAME_APPROVER', kind: 'forbidden' }));
    expect(() => completeTask(c, task!.id, zhao, { outcome: 'APPROVE', opinion: '撤销', legalBasis: [] }, at('2026-03-13T03:00:00Z'), calendar)).toThrow(
      expect.objectContaining({ code: 'INTERNAL_REVIEW_SAME_APPROVER' }),
    );
  });

  it('is decided by another approver: upheld (REJECT) or overturned (APPROVE), with a reason', () => {
    const c = apply(requestInternalReview(refused(), zhang, '请求复核', at('2026-03-13T02:00:00Z'), calendar));
    const upheld = apply(completeTask(c, `${c.id}:internal-review`, qian, { outcome: 'REJECT', opinion: '维持原决定：场所面积仍不足', legalBasis: [] }, at('2026-03-16T02:00:00Z'), calendar));
    expect(upheld.internalReview).toMatchObject({ status: 'UPHELD', decidedBy: qian, opinion: '维持原决定：场所面积仍不足' });
    const overturned = apply(completeTask(c, `${c.id}:internal-review`, qian, { outcome: 'APPROVE', opinion: '撤销原决定，准予许可', legalBasis: [] }, at('2026-03-16T02:00:00Z'), calendar));
    expect(overturned.internalReview?.status).toBe('OVERTURNED');
    expect(overturned.timeline.at(-2)).toMatchObject({ type: 'INTERNAL_REVIEW_DECIDED', actor: 'qian', detail: { result: 'OVERTURNED' } });
  });

  it('upholding leaves the refusal as the decision; overturning decides APPROVED in its place, announced as a decision', () => {
    const c = apply(requestInternalReview(refused(), zhang, '请求复核', at('2026-03-13T02:00:00Z'), calendar));
    const refusal = c.decision!;
    const upheld = completeTask(c, `${c.id}:internal-review`, qian, { outcome: 'REJECT', opinion: '维持原决定', legalBasis: [] }, at('2026-03-16T02:00:00Z'), calendar);
    expect(upheld.case.decision).toEqual(refusal);
    expect(upheld.facts.map((f) => f.type)).toEqual(['TASK_COMPLETED', 'INTERNAL_REVIEW_DECIDED']);

    const basis = ['《中华人民共和国行政许可法》第三十八条'];
    const overturned = completeTask(c, `${c.id}:internal-review`, qian, { outcome: 'APPROVE', opinion: '撤销原决定，准予许可', legalBasis: basis }, at('2026-03-16T02:00:00Z'), calendar);
    expect(overturned.facts.map((f) => f.type)).toEqual(['TASK_COMPLETED', 'INTERNAL_REVIEW_DECIDED', 'CASE_DECIDED']);
    const approval = {
      outcome: 'APPROVED',
      opinion: '撤销原决定，准予许可',
      legalBasis: basis,
      decidedAt: '2026-03-16T02:00:00.000Z',
      decidedBy: qian,
      taskId: `${c.id}:internal-review`,
      instant: false,
      // Timeliness is how the case stood when it was first decided: the review does not reopen the clock.
      workingDaysUsed: refusal.workingDaysUsed,
      onTime: refusal.onTime,
      early: refusal.early,
    };
    expect(overturned.case).toMatchObject({ status: 'DECIDED', decision: approval, internalReview: { status: 'OVERTURNED' } });
    expect(overturned.facts.at(-1)).toEqual({ type: 'CASE_DECIDED', at: '2026-03-16T02:00:00.000Z', decision: approval, overturns: refusal });
    const decided = apply(overturned);
    expect(decided.timeline.at(-1)).toMatchObject({ type: 'CASE_DECIDED', actor: 'qian', detail: { outcome: 'APPROVED', overturns: `REJECTED ${refusal.decidedAt}` } });
    // A refusal overturned is no longer a refusal: there is nothing left to review.
    expect(() => requestInternalReview(decided, zhang, '再复核', at('2026-03-17T02:00:00Z'), calendar)).toThrow(expect.objectContaining({ code: 'INTERNAL_REVIEW_NOT_REFUSED' }));
  });

  it('bars a stand-in acting for the approver who refused, too', () => {
    const c = apply(requestInternalReview(refused(), zhang, '请求复核', at('2026-03-13T02:00:00Z'), calendar));
    const qianForZhao = actor({ subject: 'u-qian', username: 'qian' }, { subject: 'u-zhao', username: 'zhao' });
    expect(() => claimTask(c, `${c.id}:internal-review`, qianForZhao, at('2026-03-13T03:00:00Z'))).toThrow(expect.objectContaining({ code: 'INTERNAL_REVIEW_SAME_APPROVER' }));
  });

  it('reviews only refusals, once, within 15 working days of the decision', () => {
    const approved = openedCase(defaultFor());
    const decided = apply(completeTask(approved, `${approved.id}:review`, zhao, { outcome: 'APPROVE', opinion: '同意', legalBasis: [] }, at('2026-03-12T02:00:00Z'), calendar));
    expect(() => requestInternalReview(decided, zhang, '复核', at('2026-03-13T02:00:00Z'), calendar)).toThrow(expect.objectContaining({ code: 'INTERNAL_REVIEW_NOT_REFUSED' }));
    const once = apply(requestInternalReview(refused(), zhang, '复核', at('2026-03-13T02:00:00Z'), calendar));
    expect(() => requestInternalReview(once, zhang, '再复核', at('2026-03-13T02:00:00Z'), calendar)).toThrow(expect.objectContaining({ code: 'INTERNAL_REVIEW_EXISTS' }));
    // Decided Thu 03-12; the 15th working day after is Thu 04-02 (Qingming comes later).
    expect(() => requestInternalReview(refused(), zhang, '复核', at('2026-04-02T02:00:00Z'), calendar)).not.toThrow();
    expect(() => requestInternalReview(refused(), zhang, '复核', at('2026-04-03T02:00:00Z'), calendar)).toThrow(expect.objectContaining({ code: 'INTERNAL_REVIEW_TOO_LATE' }));
  });
});
