import { describe, expect, it } from 'vitest';
import {
  apply,
  calendar,
  countyCityDefinition,
  defaultFor,
  fanOutDefinition,
  instantDefinition,
  jointDefinition,
  openedCase,
  serialDefinition,
} from '../testing/fixtures.js';
import { actor, type ActorRef } from './actor.js';
import { openTasks, type ApprovalCase } from './case.js';
import type { Fact } from './facts.js';
import type { DecisionInput } from './tasks.js';
import { completeTask, openCase } from './workflow.js';
import { acceptedCaseFixture } from '../testing/fixtures.js';

const at = (iso: string) => new Date(iso);
const zhao: ActorRef = actor({ subject: 'u-zhao', username: 'zhao' });
const zhou: ActorRef = actor({ subject: 'u-zhou', username: 'zhou' });
const approve = (opinion = '同意', legalBasis: string[] = []): DecisionInput => ({ outcome: 'APPROVE', opinion, legalBasis });
const reject = (opinion: string, legalBasis: string[] = []): DecisionInput => ({ outcome: 'REJECT', opinion, legalBasis });
const back = (opinion: string): DecisionInput => ({ outcome: 'RETURN', opinion, legalBasis: [] });

function complete(c: ApprovalCase, taskId: string, by: ActorRef, input: DecisionInput, when = '2026-03-12T03:00:00Z'): { case: ApprovalCase; facts: readonly Fact[] } {
  const change = completeTask(c, taskId, by, input, at(when), calendar);
  return { case: apply(change), facts: change.facts };
}
const open = (c: ApprovalCase) => openTasks(c).map((t) => [t.id.split(':')[1], t.role, t.orgUnit, t.agency]);
const types = (facts: readonly Fact[]) => facts.map((f) => f.type);

describe('the default workflow: one review that decides', () => {
  it('opens `<caseId>:review` for approvers of the case’s org unit and agency, with both clocks running', () => {
    const c = openedCase(defaultFor());
    expect(open(c)).toEqual([['review', 'approver', '510100', '市场监督管理局']]);
    expect(c.tasks[0]?.id).toBe('0198c2a0-0000-7000-8000-000000000001:review');
    expect(c.clock.promised).toMatchObject({ limitDays: 5, deadline: '2026-03-18' });
    expect(c.clock.statutory).toMatchObject({ limitDays: 20, deadline: '2026-04-09' });
  });

  it('decides the case with the approver’s opinion and legal basis, and says it was on time and early', () => {
    const { case: c, facts } = complete(openedCase(defaultFor()), '0198c2a0-0000-7000-8000-000000000001:review', zhao, approve('准予许可', ['《食品安全法》第三十五条']));
    expect(c.status).toBe('DECIDED');
    expect(c.decision).toMatchObject({ outcome: 'APPROVED', opinion: '准予许可', legalBasis: ['《食品安全法》第三十五条'], workingDaysUsed: 1, onTime: true, early: true });
    expect(types(facts)).toEqual(['TASK_COMPLETED', 'CASE_DECIDED']);
  });

  it('refuses a refusal without a reason', () => {
    expect(() => complete(openedCase(defaultFor()), '0198c2a0-0000-7000-8000-000000000001:review', zhao, reject(' '))).toThrow(
      expect.objectContaining({ code: 'TASK_DECISION_INVALID', details: [{ field: 'opinion', message: 'a refusal must state its reason' }] }),
    );
  });
});

describe('serial steps: review → decide', () => {
  const id = (step: string) => `0198c2a0-0000-7000-8000-000000000001:${step}`;

  it('passes the review’s opinion on to the section chief, who decides', () => {
    const reviewed = complete(openedCase(serialDefinition()), id('review'), zhao, reject('场所面积不足'));
    expect(reviewed.case.status).toBe('IN_PROGRESS');
    expect(open(reviewed.case)).toEqual([['decide', 'section_chief', '510100', '市场监督管理局']]);
    const decided = complete(reviewed.case, id('decide'), zhou, reject('经审查，经营场所面积不符合要求', ['《食品经营许可和备案管理办法》第十二条']));
    expect(decided.case.decision).toMatchObject({ outcome: 'REJECTED', opinion: '经审查，经营场所面积不符合要求', decidedBy: { username: 'zhou' } });
  });

  it('returns to the previous step with a reason, as a new round of it', () => {
    const reviewed = complete(openedCase(serialDefinition()), id('review'), zhao, approve());
    const returned = complete(reviewed.case, id('decide'), zhou, back('请补充现场核查记录'));
    expect(types(returned.facts)).toEqual(['TASK_RETURNED', 'TASK_CREATED']);
    expect(returned.case.tasks.find((t) => t.id === id('decide'))).toMatchObject({ status: 'RETURNED', outcome: 'RETURN', opinion: '请补充现场核查记录' });
    expect(open(returned.case)).toEqual([['review.r2', 'approver', '510100', '市场监督管理局']]);
    // Approved again, the decision comes back to the chief in a second round.
    const again = complete(returned.case, id('review.r2'), zhao, approve('已补充'));
    expect(open(again.case)).toEqual([['decide.r2', 'section_chief', '510100', '市场监督管理局']]);
  });

  it('refuses to return from the first step: there is nothing before it', () => {
    expect(() => complete(openedCase(serialDefinition()), id('review'), zhao, back('退回'))).toThrow(expect.objectContaining({ code: 'TASK_RETURN_NO_PREVIOUS' }));
  });
});

describe('county first, then city (市县联动)', () => {
  it('runs the preliminary review in the county (510107) and the decision in its city (510100)', () => {
    const c = openedCase(countyCityDefinition(), { orgUnit: '510107', hall: 'hall-510107-01', agency: '公安局' });
    expect(open(c)).toEqual([['preliminary', 'approver', '510107', '公安局']]);
    const reviewed = complete(c, `${c.id}:preliminary`, zhao, approve('初审通过，报市局决定'));
    expect(open(reviewed.case)).toEqual([['decide', 'approver', '510100', '公安局']]);
    const decided = complete(reviewed.case, `${c.id}:decide`, zhou, approve('准予迁移', ['《中华人民共和国户口登记条例》']));
    expect(decided.case.decision?.outcome).toBe('APPROVED');
  });
});

describe('parallel joint review (并联审批) with a lead agency', () => {
  const opened = () => openedCase(jointDefinition(), { itemCode: 'ZJ-XK-003', orgUnit: '510107', agency: '住房和城乡建设局', caseKind: 'JOINT' });

  it('opens one task per participating agency at once, and the lead’s when all have answered', () => {
    const c = opened();
    expect(open(c)).toEqual([
      ['joint.planning', 'approver', '510107', '自然资源和规划局'],
      ['joint.fire', 'approver', '510107', '消防救援机构'],
    ]);
    const one = complete(c, `${c.id}:joint.planning`, zhao, approve('规划条件相符'));
    expect(open(one.case)).toEqual([['joint.fire', 'approver', '510107', '消防救援机构']]);
    const both = complete(one.case, `${c.id}:joint.fire`, zhou, approve('消防设计审查合格'));
    expect(open(both.case)).toEqual([['joint.lead', 'approver', '510107', '住房和城乡建设局']]);
    const decided = complete(both.case, `${c.id}:joint.lead`, zhao, approve('各部门意见一致，准予许可', ['《建筑工程施工许可管理办法》']));
    expect(decided.case.decision).toMatchObject({ outcome: 'APPROVED', opinion: '各部门意见一致，准予许可' });
  });

  it('binds the lead to a participant’s refusal: the combined outcome is a refusal carrying that reason', () => {
    const c = opened();
    const planning = complete(c, `${c.id}:joint.planning`, zhao, approve('规划条件相符'));
    const fire = complete(planning.case, `${c.id}:joint.fire`, zhou, reject('消防车道宽度不足4米', ['《建筑设计防火规范》7.1.8']));
    expect(() => complete(fire.case, `${c.id}:joint.lead`, zhao, approve('同意'))).toThrow(expect.objectContaining({ code: 'JOINT_PARTICIPANT_REFUSED' }));
    const decided = complete(fire.case, `${c.id}:joint.lead`, zhao, reject('经并联审查，不予许可', ['《建筑工程施工许可管理办法》']));
    expect(decided.case.decision).toMatchObject({
      outcome: 'REJECTED',
      opinion: '经并联审查，不予许可（消防救援机构：消防车道宽度不足4米）',
      legalBasis: ['《建筑工程施工许可管理办法》', '《建筑设计防火规范》7.1.8'],
    });
  });

  it('lets the lead return the case to the participants for a second round', () => {
    const c = opened();
    const planning = complete(c, `${c.id}:joint.planning`, zhao, approve('规划条件相符'));
    const fire = complete(planning.case, `${c.id}:joint.fire`, zhou, reject('消防车道宽度不足'));
    const returned = complete(fire.case, `${c.id}:joint.lead`, zhao, back('申请人已修改总平面图，请重新审查'));
    expect(open(returned.case)).toEqual([
      ['joint.planning.r2', 'approver', '510107', '自然资源和规划局'],
      ['joint.fire.r2', 'approver', '510107', '消防救援机构'],
    ]);
    const p2 = complete(returned.case, `${c.id}:joint.planning.r2`, zhao, approve('同意'));
    const f2 = complete(p2.case, `${c.id}:joint.fire.r2`, zhou, approve('复查合格'));
    // The first round's refusal no longer binds.
    expect(complete(f2.case, `${c.id}:joint.lead.r2`, zhao, approve('准予许可')).case.decision?.outcome).toBe('APPROVED');
  });
});

describe('bundle fan-out and fan-in (一件事)', () => {
  const opened = () => openedCase(fanOutDefinition(), { itemCode: 'BUNDLE-NEWBORN' });

  it('fans out to every agency and fans in when all are done: approved when all approve', () => {
    let c = opened();
    expect(open(c).map(([id]) => id)).toEqual(['fan-out.birth-cert', 'fan-out.hukou', 'fan-out.insurance']);
    for (const key of ['birth-cert', 'hukou']) c = complete(c, `${c.id}:fan-out.${key}`, zhao, approve('办结')).case;
    expect(c.status).toBe('IN_PROGRESS');
    c = complete(c, `${c.id}:fan-out.insurance`, zhao, approve('办结')).case;
    expect(c.decision?.outcome).toBe('APPROVED');
  });

  it('refuses the bundle when one branch refuses, naming it', () => {
    let c = opened();
    c = complete(c, `${c.id}:fan-out.birth-cert`, zhao, approve('办结')).case;
    c = complete(c, `${c.id}:fan-out.hukou`, zhao, reject('户主信息不一致')).case;
    c = complete(c, `${c.id}:fan-out.insurance`, zhao, approve('办结')).case;
    expect(c.decision?.outcome).toBe('REJECTED');
    expect(c.decision?.opinion).toContain('出生登记（公安局）：户主信息不一致');
  });
});

describe('instant approval (秒批) by published rules', () => {
  it('approves on acceptance when every rule holds: no task, decided by the system', () => {
    const c = openedCase(instantDefinition(), { itemCode: 'GJJ-GG-007', fee: null });
    expect(c.tasks).toEqual([]);
    expect(c.decision).toMatchObject({ outcome: 'APPROVED', instant: true, decidedBy: { subject: 'system' }, legalBasis: ['《住房公积金管理条例》'] });
  });

  it('sends the case to the ordinary steps when a rule fails, and records which', () => {
    const c = openedCase(instantDefinition(), { itemCode: 'GJJ-GG-007', orgUnit: '440300', hall: 'hall-440300-01' });
    expect(c.decision).toBeNull();
    expect(c.instant?.results.filter((r) => !r.passed).map((r) => r.ruleId)).toEqual(['within-sichuan']);
    expect(c.timeline[0]?.detail).toMatchObject({ instantApproval: false, failedRules: 'within-sichuan' });
    expect(openTasks(c)).toHaveLength(1);
  });
});

describe('an immediate case decided at the window (即办件)', () => {
  it('is recorded as decided by the clerk, with no task', () => {
    const change = openCase(acceptedCaseFixture(), defaultFor(), calendar, at('2026-03-11T02:00:05Z'), {
      decision: 'APPROVED',
      opinion: '当场办结',
      legalBasis: ['《市场主体登记管理条例》'],
      decidedBy: 'u-clerk-li',
    });
    expect(change.case.tasks).toEqual([]);
    expect(change.case.decision).toMatchObject({ outcome: 'APPROVED', decidedBy: { subject: 'u-clerk-li' } });
    expect(types(change.facts)).toEqual(['CASE_OPENED', 'CASE_DECIDED']);
  });
});

describe('who may complete', () => {
  it('never completes a task someone else holds', () => {
    const c = openedCase(defaultFor());
    const held = { ...c, tasks: c.tasks.map((t) => ({ ...t, status: 'CLAIMED' as const, assignee: 'u-qian' })) };
    expect(() => complete(held, `${c.id}:review`, zhao, approve())).toThrow(expect.objectContaining({ code: 'TASK_CLAIMED_BY_OTHER', kind: 'forbidden' }));
  });

  it('lets a stand-in complete the task of the person they stand in for, recorded as “X for Y”', () => {
    const c = openedCase(defaultFor());
    const held = { ...c, tasks: c.tasks.map((t) => ({ ...t, status: 'CLAIMED' as const, assignee: 'u-zhao', assigneeName: 'zhao' })) };
    const qianForZhao = actor({ subject: 'u-qian', username: 'qian' }, { subject: 'u-zhao', username: 'zhao' });
    const done = complete(held, `${c.id}:review`, qianForZhao, approve());
    expect(done.case.tasks[0]?.completedBy).toEqual(qianForZhao);
    expect(done.case.timeline.at(-2)).toMatchObject({ type: 'TASK_COMPLETED', actor: 'qian for zhao', onBehalfOf: 'zhao' });
  });
});
