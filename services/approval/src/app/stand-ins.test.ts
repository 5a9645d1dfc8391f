import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, approver, otherApprover, serialDefinition } from '../testing/fixtures.js';
import { approvalFixture } from '../testing/store.js';

const CASE = acceptedCaseFixture().caseId;
const REVIEW = `${CASE}:review`;
/** 赵 (zhao) is away 03-12..03-20 and names 钱 (qian) as stand-in (AB角). */
const delegation = {
  delegationId: 'd-1',
  principalId: 'u-approver-zhao',
  principalUsername: 'zhao.approver',
  substituteId: 'u-approver-qian',
  substituteUsername: 'qian.approver',
  orgUnit: '510100',
  agency: '市场监督管理局',
  role: 'approver',
  from: '2026-03-12T00:00:00.000Z',
  until: '2026-03-20T00:00:00.000Z',
  createdAt: '2026-03-11T08:00:00.000Z',
};

async function heldByZhao() {
  const f = await approvalFixture();
  await f.repositories.workflows.insert(serialDefinition());
  await f.useCases.openCase.execute(acceptedCaseFixture());
  await f.useCases.claimTask.execute(approver(), { taskId: REVIEW });
  await f.useCases.recordDelegation.created(delegation);
  return f;
}

describe('stand-ins (AB角)', () => {
  it('shows the substitute, during the period only, that they may act on the task for the person they stand in for', async () => {
    const f = await heldByZhao();
    const actingFor = async () => (await f.useCases.listTasks.execute(otherApprover(), { status: 'CLAIMED' })).map((t) => [t.id, t.actingFor]);
    f.clock.set('2026-03-11T09:00:00Z');
    expect(await actingFor()).toEqual([[REVIEW, null]]);
    f.clock.set('2026-03-13T02:00:00Z');
    expect(await actingFor()).toEqual([[REVIEW, 'zhao.approver']]);
    f.clock.set('2026-03-20T00:00:00Z');
    expect(await actingFor()).toEqual([[REVIEW, null]]);
  });

  it('lets the substitute act on the task, recorded as “qian for zhao”', async () => {
    const f = await heldByZhao();
    f.clock.set('2026-03-13T02:00:00Z');
    const { task, case: c } = await f.useCases.completeTask.execute(otherApprover(), { taskId: REVIEW, outcome: 'APPROVE', opinion: '审查通过', legalBasis: [] });
    expect(task.completedBy).toEqual({ subject: 'u-approver-qian', username: 'qian.approver', onBehalfOf: { subject: 'u-approver-zhao', username: 'zhao.approver' } });
    expect(c.timeline.find((e) => e.type === 'TASK_COMPLETED')).toMatchObject({ actor: 'qian.approver for zhao.approver', onBehalfOf: 'zhao.approver' });
  });

  it('stops once the delegation is revoked, or outside its period', async () => {
    const f = await heldByZhao();
    f.clock.set('2026-03-21T02:00:00Z');
    await expect(f.useCases.completeTask.execute(otherApprover(), { taskId: REVIEW, outcome: 'APPROVE', opinion: '同意', legalBasis: [] })).rejects.toMatchObject({ kind: 'forbidden' });
    f.clock.set('2026-03-13T02:00:00Z');
    await f.useCases.recordDelegation.revoked({ delegationId: 'd-1', principalId: 'u-approver-zhao', substituteId: 'u-approver-qian', revokedAt: '2026-03-12T09:00:00.000Z' });
    await expect(f.useCases.completeTask.execute(otherApprover(), { taskId: REVIEW, outcome: 'APPROVE', opinion: '同意', legalBasis: [] })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('keeps a revocation that arrives before the delegation it revokes', async () => {
    const f = await approvalFixture('2026-03-13T02:00:00Z');
    await f.useCases.recordDelegation.revoked({ delegationId: 'd-1', principalId: 'u-approver-zhao', substituteId: 'u-approver-qian', revokedAt: '2026-03-12T09:00:00.000Z' });
    await f.useCases.recordDelegation.created(delegation);
    expect(await f.repositories.delegations.activeFor('u-approver-qian', f.clock.now())).toEqual([]);
  });
});
