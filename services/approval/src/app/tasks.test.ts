import { EVENT_TYPES } from '@onewindow/events';
import { describe, expect, it } from 'vitest';
import {
  acceptedCaseFixture,
  admin,
  applicant,
  approver,
  approverElsewhere,
  approverOtherAgency,
  chief,
  clerk,
  countyApprover,
  countySupervisor,
  jointDefinition,
  otherApprover,
  otherChief,
  serialDefinition,
  supervisor,
} from '../testing/fixtures.js';
import { approvalFixture, outboxEvents, typesOf } from '../testing/store.js';

const CASE = acceptedCaseFixture().caseId;
const REVIEW = `${CASE}:review`;
const approve = (taskId: string, opinion = '准予许可') => ({ taskId, outcome: 'APPROVE' as const, opinion, legalBasis: ['《食品安全法》第三十五条'] });

async function opened(definition = serialDefinition()) {
  const f = await approvalFixture();
  await f.repositories.workflows.insert(definition);
  await f.useCases.openCase.execute(acceptedCaseFixture());
  return f;
}

describe('the inbox', () => {
  it('shows a task to every eligible staff member (role, org unit, agency) and to no one else', async () => {
    const { useCases } = await opened();
    const ids = async (p: Parameters<typeof useCases.listTasks.execute>[0]) => (await useCases.listTasks.execute(p, { status: '' })).map((t) => t.id);
    expect(await ids(approver())).toEqual([REVIEW]);
    expect(await ids(otherApprover())).toEqual([REVIEW]);
    expect(await ids(approverElsewhere())).toEqual([]);
    expect(await ids(approverOtherAgency())).toEqual([]);
    expect(await ids(chief())).toEqual([]);
    await expect(useCases.listTasks.execute(clerk(), { status: '' })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('shows supervisors their jurisdiction and platform administrators everything', async () => {
    const { useCases } = await opened();
    expect(await useCases.listTasks.execute(supervisor(), { status: '' })).toHaveLength(1);
    expect(await useCases.listTasks.execute(countySupervisor(), { status: '' })).toHaveLength(0);
    expect(await useCases.listTasks.execute(admin(), { status: '' })).toHaveLength(1);
  });

  it('narrows the inbox to one case’s tasks, for staff and for supervisors alike', async () => {
    const { useCases } = await opened();
    const second = '0198c2a0-0000-7000-8000-000000000002';
    await useCases.openCase.execute(acceptedCaseFixture({ caseId: second, caseNumber: 'SC510100-20260311-000002' }));
    const ids = async (p: Parameters<typeof useCases.listTasks.execute>[0], caseId?: string) =>
      (await useCases.listTasks.execute(p, { status: '', ...(caseId === undefined ? {} : { caseId }) })).map((t) => t.id);
    expect(await ids(approver())).toEqual([REVIEW, `${second}:review`]);
    expect(await ids(approver(), second)).toEqual([`${second}:review`]);
    expect(await ids(approver(), CASE)).toEqual([REVIEW]);
    expect(await ids(approver(), '')).toHaveLength(2);
    expect(await ids(supervisor(), second)).toEqual([`${second}:review`]);
    expect(await ids(approverElsewhere(), second)).toEqual([]);
  });

  it('refuses an unknown status filter', async () => {
    const { useCases } = await opened();
    await expect(useCases.listTasks.execute(approver(), { status: 'LOST' })).rejects.toMatchObject({ code: 'TASK_STATUS_INVALID' });
  });
});

describe('claiming and completing through the use cases', () => {
  it('lets exactly one of two approvers claiming at once win', async () => {
    const { useCases } = await opened();
    const results = await Promise.allSettled([useCases.claimTask.execute(approver(), { taskId: REVIEW }), useCases.claimTask.execute(otherApprover(), { taskId: REVIEW })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')?.reason).toMatchObject({ code: 'TASK_ALREADY_CLAIMED' });
  });

  it('moves the case from the review to the chief’s decision, announcing each step', async () => {
    const { store, useCases } = await opened();
    await useCases.claimTask.execute(approver(), { taskId: REVIEW });
    await useCases.completeTask.execute(approver(), approve(REVIEW, '审查通过'));
    expect(await useCases.listTasks.execute(chief(), { status: '' })).toMatchObject([{ id: `${CASE}:decide`, role: 'section_chief' }]);
    await useCases.completeTask.execute(chief(), approve(`${CASE}:decide`));
    expect(await typesOf(store)).toEqual([
      EVENT_TYPES.TASK_CREATED,
      EVENT_TYPES.TASK_CLAIMED,
      EVENT_TYPES.TASK_COMPLETED,
      EVENT_TYPES.TASK_CREATED,
      EVENT_TYPES.TASK_COMPLETED,
      EVENT_TYPES.CASE_DECIDED,
    ]);
    expect((await outboxEvents(store)).at(-1)?.data).toMatchObject({ decision: 'APPROVED', decidedBy: 'zhou.chief', legalBasis: ['《食品安全法》第三十五条'] });
  });

  it('refuses an approver a chief’s step, a task of another org unit, and a task held by someone else; nothing is written', async () => {
    const { store, useCases } = await opened();
    await useCases.claimTask.execute(otherApprover(), { taskId: REVIEW });
    const before = await outboxEvents(store);
    await expect(useCases.completeTask.execute(approver(), approve(REVIEW))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.claimTask.execute(approverElsewhere(), { taskId: REVIEW })).rejects.toMatchObject({ kind: 'forbidden' });
    await useCases.completeTask.execute(otherApprover(), approve(REVIEW));
    await expect(useCases.claimTask.execute(approver(), { taskId: `${CASE}:decide` })).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await outboxEvents(store)).length).toBe(before.length + 2);
  });

  it('answers TASK_NOT_FOUND for an unknown task and a clear 400 for an empty id', async () => {
    const { useCases } = await opened();
    await expect(useCases.claimTask.execute(approver(), { taskId: 'no-such-case:review' })).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    await expect(useCases.claimTask.execute(approver(), { taskId: `${CASE}:nope` })).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    await expect(useCases.claimTask.execute(approver(), { taskId: ' ' })).rejects.toMatchObject({ code: 'TASK_ID_REQUIRED', kind: 'invalid' });
  });

  it('returns a task to the previous step with a reason, announced as task.returned', async () => {
    const { store, useCases } = await opened();
    await useCases.completeTask.execute(approver(), approve(REVIEW));
    const { task } = await useCases.completeTask.execute(chief(), { taskId: `${CASE}:decide`, outcome: 'RETURN', opinion: '请补充现场照片', legalBasis: [] });
    expect(task).toMatchObject({ status: 'RETURNED', opinion: '请补充现场照片' });
    expect((await outboxEvents(store)).find((e) => e.type === EVENT_TYPES.TASK_RETURNED)?.data).toMatchObject({ toStep: 'review', reason: '请补充现场照片' });
    expect((await useCases.listTasks.execute(approver(), { status: '' })).map((t) => t.id)).toEqual([`${CASE}:review.r2`]);
  });

  it('lets a chief reassign a task to a colleague, with a reason', async () => {
    const { store, useCases } = await opened();
    await useCases.claimTask.execute(approver(), { taskId: REVIEW });
    const { task } = await useCases.reassignTask.execute(chief(), { taskId: REVIEW, toAssignee: 'u-approver-qian', toAssigneeName: 'qian.approver', toRole: '', reason: '赵某外出' });
    expect(task).toMatchObject({ assignee: 'u-approver-qian', status: 'CLAIMED' });
    expect((await useCases.listTasks.execute(otherApprover(), { status: 'CLAIMED' })).map((t) => t.id)).toEqual([REVIEW]);
    expect((await outboxEvents(store)).at(-1)).toMatchObject({ type: EVENT_TYPES.TASK_REASSIGNED, data: { fromAssignee: 'zhao.approver', toAssignee: 'qian.approver', automatic: false } });
    await expect(useCases.reassignTask.execute(approver(), { taskId: REVIEW, toAssignee: 'u-x', toAssigneeName: 'x', toRole: '', reason: 'r' })).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

describe('internal review (复核) through the use cases', () => {
  it('announces an overturned refusal as the case’s decision, APPROVED in place of the refusal', async () => {
    const { store, clock, useCases } = await opened();
    await useCases.completeTask.execute(approver(), approve(REVIEW, '审查通过'));
    await useCases.completeTask.execute(chief(), { taskId: `${CASE}:decide`, outcome: 'REJECT', opinion: '经营场所不符合要求', legalBasis: ['《食品安全法》第三十五条'] });
    const refusal = (await outboxEvents(store)).at(-1)!;
    expect(refusal).toMatchObject({ type: EVENT_TYPES.CASE_DECIDED, data: { decision: 'REJECTED' } });
    expect(refusal.data).not.toHaveProperty('overturns');

    clock.advance(24 * 3600_000);
    await useCases.requestInternalReview.execute(applicant(), { caseId: CASE, reason: '场所已整改，请求复核' });
    await expect(useCases.completeTask.execute(chief(), approve(`${CASE}:internal-review`))).rejects.toMatchObject({ code: 'INTERNAL_REVIEW_SAME_APPROVER' });
    clock.advance(24 * 3600_000);
    await useCases.completeTask.execute(otherChief(), approve(`${CASE}:internal-review`, '撤销原决定，准予许可'));

    const events = (await outboxEvents(store)).slice(-3);
    expect(events.map((e) => e.type)).toEqual([EVENT_TYPES.TASK_COMPLETED, EVENT_TYPES.INTERNAL_REVIEW_DECIDED, EVENT_TYPES.CASE_DECIDED]);
    expect(events[1]?.data).toMatchObject({ result: 'OVERTURNED' });
    expect(events[2]?.data).toMatchObject({
      decision: 'APPROVED',
      opinion: '撤销原决定，准予许可',
      decidedBy: 'wang.chief',
      resultLicenceType: 'FOOD_BUSINESS_LICENCE',
      overturns: { decision: 'REJECTED', decidedAt: (refusal.data as { decidedAt: string }).decidedAt },
    });
    const { case: summary } = await useCases.getTimeline.execute(applicant(), { caseId: CASE });
    expect(summary).toMatchObject({ status: 'DECIDED', decision: { outcome: 'APPROVED' }, internalReview: { status: 'OVERTURNED' } });
  });
});

describe('parallel joint review through the use cases: one participant refuses', () => {
  it('makes the lead’s combined outcome a refusal with that participant’s reason', async () => {
    const f = await approvalFixture();
    await f.repositories.workflows.insert(jointDefinition());
    await f.useCases.openCase.execute(acceptedCaseFixture({ itemCode: 'ZJ-XK-003', itemName: '建筑工程施工许可证核发', orgUnit: '510107', hall: 'hall-510107-01', agency: '住房和城乡建设局', caseKind: 'JOINT' }));
    const planning = countyApprover('自然资源和规划局');
    const fire = countyApprover('消防救援机构');
    const lead = countyApprover('住房和城乡建设局');
    expect((await f.useCases.listTasks.execute(planning, { status: '' })).map((t) => t.id)).toEqual([`${CASE}:joint.planning`]);
    expect(await f.useCases.listTasks.execute(lead, { status: '' })).toEqual([]);
    await f.useCases.completeTask.execute(planning, approve(`${CASE}:joint.planning`, '规划条件相符'));
    await f.useCases.completeTask.execute(fire, { taskId: `${CASE}:joint.fire`, outcome: 'REJECT', opinion: '消防车道不满足要求', legalBasis: ['《建筑设计防火规范》'] });
    expect((await f.useCases.listTasks.execute(lead, { status: '' })).map((t) => t.id)).toEqual([`${CASE}:joint.lead`]);
    await expect(f.useCases.completeTask.execute(lead, approve(`${CASE}:joint.lead`))).rejects.toMatchObject({ code: 'JOINT_PARTICIPANT_REFUSED' });
    await f.useCases.completeTask.execute(lead, { taskId: `${CASE}:joint.lead`, outcome: 'REJECT', opinion: '并联审查未通过', legalBasis: [] });
    const decided = (await outboxEvents(f.store)).find((e) => e.type === EVENT_TYPES.CASE_DECIDED);
    expect(decided?.data).toMatchObject({ decision: 'REJECTED', opinion: '并联审查未通过（消防救援机构：消防车道不满足要求）', legalBasis: ['《建筑设计防火规范》'] });
  });
});
