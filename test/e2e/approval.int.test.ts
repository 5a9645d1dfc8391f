// Approval end to end (issue 6): workflows, inboxes, stand-ins, the clock and
// electronic supervision, every service its own process, driven through REST.
// Time-dependent rules (the warning ladder) are driven by approval's
// development clock offset (DEV_CLOCK_OFFSET_HOURS, refused under production):
// the last tests restart approval with it and watch the warnings arrive.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startPlatform, type RunningPlatform } from '../../scripts/platform.mjs';
import { Api, eventually } from './client.js';

type Json = Record<string, unknown>;
type Task = Json & { id: string; caseId: string };

const PORT_OFFSET = 7000;
const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-approval-'));
const PASSWORD = 'approval-e2e-password';

let platform: RunningPlatform;
let api: Api;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startPlatform({ dataDir, portOffset: PORT_OFFSET, base: { ...process.env, LOG_LEVEL: 'info', SUPERVISION_INTERVAL_MS: '300' } });
  api = new Api(platform.gatewayUrl);
  for (const user of ['applicant-demo', 'clerk-demo', 'approver-demo', 'approver-b-demo', 'supervisor-demo', 'admin-demo']) tokens[user] = await api.token(user);
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const as = (user: string) => ({ token: tokens[user] });

/** Adds an agency and staff through identity's API (as the platform administrator) and signs each in. */
async function provision(agencies: { id: string; name: string; orgUnit: string }[], staff: { username: string; roles: string[]; orgUnit: string; agency?: string; hall?: string }[]) {
  for (const agency of agencies) {
    const created = await api.call('POST', '/api/v1/agencies', { ...as('admin-demo'), body: agency });
    expect([201, 409], JSON.stringify(created.body)).toContain(created.status);
  }
  for (const member of staff) {
    const created = await api.call('POST', '/api/v1/staff', { ...as('admin-demo'), body: { ...member, displayName: member.username, initialPassword: PASSWORD } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    tokens[member.username] = await api.token(member.username, PASSWORD);
  }
}

async function submitAndAccept(itemCode: string, options: { hall?: string; clerk?: string } = {}): Promise<string> {
  const submitted = await api.call('POST', '/api/v1/cases', { ...as('applicant-demo'), body: { itemCode, ...(options.hall ? { hall: options.hall } : {}) } });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const caseId = submitted.body['id'] as string;
  const accepted = await api.call('POST', `/api/v1/cases/${caseId}/accept`, { ...as(options.clerk ?? 'clerk-demo'), body: { opinion: '材料齐全，予以受理' } });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return caseId;
}

/** The caller's inbox entry for a case, once approval has it. */
function inboxTask(user: string, caseId: string, match: (t: Task) => boolean = () => true, status = 'OPEN'): Promise<Task> {
  return eventually(async () => {
    const inbox = await api.call<{ tasks?: Task[] }>('GET', `/api/v1/tasks?status=${status}&caseId=${caseId}`, as(user));
    return inbox.body.tasks?.find((t) => t.caseId === caseId && match(t));
  }, `${user}'s task for ${caseId}`);
}

const complete = (user: string, taskId: string, body: Json) => api.call('POST', `/api/v1/tasks/${taskId}/complete`, { ...as(user), body });
const timeline = (user: string, caseId: string) => api.call<Json & { entries: Json[]; tasks: Task[]; warnings: Json[]; case: Json }>('GET', `/api/v1/cases/${caseId}/timeline`, as(user));

describe('approval, working-day time limits and electronic supervision', () => {
  it('answers the public working-day calculator on the 2025 and 2026 schedules, without a token', async () => {
    const deadline = async (from: string, n: number) => (await api.call('GET', `/api/v1/calendar/deadline?from=${from}&workingDays=${n}`)).body;
    // Spring Festival 2025 (01-28..02-04 off, Sat 02-08 worked) and National Day 2025 (10-01..08 off, Sat 10-11 worked).
    expect(await deadline('2025-01-27', 1)).toEqual({ deadline: '2025-02-05', provisional: false });
    expect(await deadline('2025-01-27', 4)).toEqual({ deadline: '2025-02-08', provisional: false });
    expect(await deadline('2025-09-26', 6)).toEqual({ deadline: '2025-10-11', provisional: false });
    // Spring Festival 2026 (02-15..23 off, Sat 02-14 and Sat 02-28 worked) and National Day 2026 (Sat 10-10 worked).
    expect(await deadline('2026-02-13', 2)).toEqual({ deadline: '2026-02-24', provisional: false });
    expect(await deadline('2026-02-13', 6)).toEqual({ deadline: '2026-02-28', provisional: false });
    expect(await deadline('2026-09-30', 3)).toEqual({ deadline: '2026-10-10', provisional: false });
    expect(await deadline('2026-12-30', 2)).toEqual({ deadline: '2027-01-01', provisional: true });
    const bad = await api.call('GET', '/api/v1/calendar/deadline?from=2026-13-01&workingDays=2');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await api.call('GET', '/api/v1/calendar/deadline?from=2026-01-01&workingDays=-3')).status).toBe(400);

    const doc = await api.call<{ paths: Json }>('GET', '/openapi.json');
    for (const path of ['/api/v1/tasks', '/api/v1/tasks/{taskId}/complete', '/api/v1/tasks/{taskId}/reassign', '/api/v1/cases/{caseId}/suspensions', '/api/v1/cases/{caseId}/resume', '/api/v1/cases/{caseId}/extensions', '/api/v1/cases/{caseId}/timeline', '/api/v1/supervision/overview', '/api/v1/calendar/deadline', '/api/v1/workflows'])
      expect(Object.keys(doc.body.paths)).toContain(path);
  });

  it('walks the default workflow: the approver claims and decides with the legal basis; the timeline shows every step', async () => {
    const caseId = await submitAndAccept('SCJG-DJ-001');
    const task = await inboxTask('approver-demo', caseId);
    expect(task).toMatchObject({ id: `${caseId}:review`, role: 'approver', orgUnit: '510100', agency: '市场监督管理局' });
    expect((await api.call('POST', `/api/v1/tasks/${task.id}/claim`, as('approver-b-demo'))).status).toBe(200);
    expect((await api.call('POST', `/api/v1/tasks/${task.id}/claim`, as('approver-demo'))).body['code']).toBe('TASK_ALREADY_CLAIMED');
    const byOther = await complete('approver-demo', task.id, { outcome: 'APPROVE', opinion: '同意', legalBasis: [] });
    expect(byOther.status).toBe(403);
    const done = await complete('approver-b-demo', task.id, { outcome: 'APPROVE', opinion: '准予登记', legalBasis: ['《中华人民共和国市场主体登记管理条例》第十九条'] });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'DONE', outcome: 'APPROVE', caseStatus: 'DECIDED' });
    await eventually(async () => ((await api.call('GET', `/api/v1/cases/${caseId}`, as('applicant-demo'))).body['status'] === 'CLOSED' ? true : undefined), 'the case to close');
    const view = await timeline('applicant-demo', caseId);
    expect(view.status).toBe(200);
    expect(view.body.entries.map((e) => e['type'])).toEqual(['CASE_OPENED', 'TASK_CREATED', 'TASK_CLAIMED', 'TASK_COMPLETED', 'CASE_DECIDED']);
    expect(view.body.entries[2]).toMatchObject({ actor: 'approver-b-demo' });
    expect(view.body['chainIntact']).toBe(true);
    expect(view.body.case).toMatchObject({ status: 'DECIDED', decision: { outcome: 'APPROVED', onTime: true } });
    expect((await timeline('clerk-demo', caseId)).status).toBe(200);
  });

  it('publishes workflows, validates a definition when it is saved, and runs review → decide with a return', async () => {
    expect((await api.call('GET', '/api/v1/workflows/ZJ-XK-003')).body).toMatchObject({ version: 1, steps: [{ kind: 'JOINT', lead: { agency: '住房和城乡建设局' } }] });
    const definition = {
      itemCode: 'SCJG-XK-014',
      name: '食品经营许可审查决定',
      start: 'review',
      steps: [
        { id: 'review', name: '审查', role: 'approver', onApprove: 'decide', onReject: 'decide', limitDays: 3 },
        { id: 'decide', name: '决定', role: 'section_chief', onApprove: 'APPROVED', onReject: 'REJECTED' },
      ],
    };
    expect((await api.call('POST', '/api/v1/workflows', { ...as('approver-demo'), body: definition })).status).toBe(403);
    const noRole = await api.call('POST', '/api/v1/workflows', { ...as('admin-demo'), body: { ...definition, steps: [{ ...definition.steps[0], role: '' }, definition.steps[1]] } });
    expect(noRole.status).toBe(400);
    expect(noRole.body).toMatchObject({ code: 'WORKFLOW_INVALID', errors: [{ field: 'steps[0].role' }] });
    expect((await api.call('POST', '/api/v1/workflows', { ...as('admin-demo'), body: definition })).body).toMatchObject({ version: 1, definedBy: 'admin-demo' });

    await provision([], [
      { username: 'chief-e2e', roles: ['section_chief'], orgUnit: '510100', agency: '市场监督管理局' },
      { username: 'head-e2e', roles: ['agency_head'], orgUnit: '510100', agency: '市场监督管理局' },
    ]);
    const caseId = await submitAndAccept('SCJG-XK-014');
    const review = await inboxTask('approver-demo', caseId);
    expect(review['stepDeadline']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await complete('approver-demo', review.id, { outcome: 'APPROVE', opinion: '审查通过', legalBasis: [] })).status).toBe(200);
    const decide = await inboxTask('chief-e2e', caseId);
    const returned = await complete('chief-e2e', decide.id, { outcome: 'RETURN', opinion: '请补充现场核查记录', legalBasis: [] });
    expect(returned.body).toMatchObject({ status: 'RETURNED', opinion: '请补充现场核查记录' });
    const again = await inboxTask('approver-demo', caseId, (t) => t.id.endsWith('review.r2'));
    expect((await complete('approver-demo', again.id, { outcome: 'APPROVE', opinion: '已补充', legalBasis: [] })).status).toBe(200);
    const decide2 = await inboxTask('chief-e2e', caseId, (t) => t.id.endsWith('decide.r2'));
    const noReason = await complete('chief-e2e', decide2.id, { outcome: 'REJECT', opinion: '', legalBasis: [] });
    expect(noReason.status).toBe(400);
    const refused = await complete('chief-e2e', decide2.id, { outcome: 'REJECT', opinion: '经营场所与申请材料不符', legalBasis: ['《食品经营许可和备案管理办法》'] });
    expect(refused.body).toMatchObject({ status: 'DONE', caseStatus: 'DECIDED' });
    const path = (await timeline('applicant-demo', caseId)).body['path'] as Json[];
    expect(path.map((p) => [p['step'], p['round'], p['outcome']])).toEqual([
      ['review', 1, 'APPROVE'],
      ['decide', 1, 'RETURNED'],
      ['review', 2, 'APPROVE'],
      ['decide', 2, 'REJECT'],
    ]);
  });

  it('runs county first then city (市县联动) and a parallel joint review where one participant refuses', async () => {
    await provision(
      [
        { id: 'gaj-510100', name: '公安局', orgUnit: '510100' },
        { id: 'gaj-510107', name: '公安局', orgUnit: '510107' },
        { id: 'zrzy-510107', name: '自然资源和规划局', orgUnit: '510107' },
        { id: 'xf-510107', name: '消防救援机构', orgUnit: '510107' },
      ],
      [
        { username: 'clerk-wuhou', roles: ['clerk'], orgUnit: '510107', hall: 'hall-510107-01' },
        { username: 'police-wuhou', roles: ['approver'], orgUnit: '510107', agency: '公安局' },
        { username: 'police-chengdu', roles: ['approver'], orgUnit: '510100', agency: '公安局' },
        { username: 'planning-wuhou', roles: ['approver'], orgUnit: '510107', agency: '自然资源和规划局' },
        { username: 'fire-wuhou', roles: ['approver'], orgUnit: '510107', agency: '消防救援机构' },
        { username: 'housing-wuhou', roles: ['approver'], orgUnit: '510107', agency: '住房和城乡建设局' },
      ],
    );
    // 户口迁移 filed at the 武侯区 hall: 武侯区 (510107) reviews first, 成都市 (510100) decides.
    const move = await submitAndAccept('GA-QR-031', { hall: 'hall-510107-01', clerk: 'clerk-wuhou' });
    const preliminary = await inboxTask('police-wuhou', move);
    expect(preliminary).toMatchObject({ step: 'preliminary', orgUnit: '510107' });
    expect((await api.call<{ tasks: Task[] }>('GET', '/api/v1/tasks', as('police-chengdu'))).body.tasks.filter((t) => t.caseId === move)).toEqual([]);
    expect((await complete('police-wuhou', preliminary.id, { outcome: 'APPROVE', opinion: '初审通过，报市局', legalBasis: [] })).status).toBe(200);
    const decide = await inboxTask('police-chengdu', move);
    expect(decide).toMatchObject({ step: 'decide', orgUnit: '510100', agency: '公安局' });
    expect((await complete('police-chengdu', decide.id, { outcome: 'APPROVE', opinion: '准予迁移', legalBasis: ['《中华人民共和国户口登记条例》'] })).body).toMatchObject({ caseStatus: 'DECIDED' });

    // 建筑工程施工许可 (并联审批): planning and fire at once; fire refuses; the lead's combined outcome can only be a refusal.
    const permit = await submitAndAccept('ZJ-XK-003', { hall: 'hall-510107-01', clerk: 'clerk-wuhou' });
    const planning = await inboxTask('planning-wuhou', permit);
    const fire = await inboxTask('fire-wuhou', permit);
    expect([planning.id, fire.id]).toEqual([`${permit}:joint-review.planning`, `${permit}:joint-review.fire`]);
    expect((await complete('planning-wuhou', planning.id, { outcome: 'APPROVE', opinion: '规划条件相符', legalBasis: [] })).status).toBe(200);
    expect((await complete('fire-wuhou', fire.id, { outcome: 'REJECT', opinion: '消防车道宽度不足4米', legalBasis: ['《建筑设计防火规范》'] })).status).toBe(200);
    const lead = await inboxTask('housing-wuhou', permit);
    const approveAnyway = await complete('housing-wuhou', lead.id, { outcome: 'APPROVE', opinion: '同意', legalBasis: [] });
    expect(approveAnyway.status).toBe(409);
    expect(approveAnyway.body['code']).toBe('JOINT_PARTICIPANT_REFUSED');
    expect((await complete('housing-wuhou', lead.id, { outcome: 'REJECT', opinion: '并联审查未通过', legalBasis: ['《建筑工程施工许可管理办法》'] })).status).toBe(200);
    const decision = (await timeline('applicant-demo', permit)).body.case['decision'];
    expect(decision).toMatchObject({ outcome: 'REJECTED', opinion: '并联审查未通过（消防救援机构：消防车道宽度不足4米）' });
  });

  it('routes a held task to the stand-in (AB角) named through identity, recorded as “X for Y”', async () => {
    const caseId = await submitAndAccept('SCJG-DJ-001');
    const task = await inboxTask('approver-demo', caseId);
    expect((await api.call('POST', `/api/v1/tasks/${task.id}/claim`, as('approver-demo'))).status).toBe(200);
    const me = await api.call('GET', '/api/v1/me', as('approver-b-demo'));
    const substituteId = (me.body['subject'] ?? me.body['id']) as string;
    const now = Date.now();
    const delegation = await api.call('POST', '/api/v1/delegations', {
      ...as('approver-demo'),
      body: { substituteId, from: new Date(now - 60_000).toISOString(), until: new Date(now + 7 * 86_400_000).toISOString(), reason: '外出培训' },
    });
    expect(delegation.status, JSON.stringify(delegation.body)).toBe(201);
    const held = await inboxTask('approver-b-demo', caseId, (t) => t['actingFor'] === 'approver-demo', 'CLAIMED');
    const done = await complete('approver-b-demo', held.id, { outcome: 'APPROVE', opinion: '准予登记', legalBasis: [] });
    expect(done.body).toMatchObject({ status: 'DONE', completedBy: { label: 'approver-b-demo for approver-demo' } });
    const entry = (await timeline('applicant-demo', caseId)).body.entries.find((e) => e['type'] === 'TASK_COMPLETED');
    expect(entry).toMatchObject({ actor: 'approver-b-demo for approver-demo', onBehalfOf: 'approver-demo' });
  });

  it('suspends and resumes the clock, extends it with the agency head’s approval, and tells the applicant in writing', async () => {
    const caseId = await submitAndAccept('SCJG-XK-014');
    const task = await inboxTask('approver-demo', caseId);
    const before = (await timeline('approver-demo', caseId)).body.case['promised'] as Json;
    const suspended = await api.call('POST', `/api/v1/cases/${caseId}/suspensions`, { ...as('approver-demo'), body: { kind: 'SITE_INSPECTION', reason: '需现场核查经营场所', expectedDays: 5 } });
    expect(suspended.status).toBe(201);
    expect(suspended.body).toMatchObject({ status: 'SUSPENDED', promised: { running: false, remainingWorkingDays: before['remainingWorkingDays'] } });
    expect((await complete('approver-demo', task.id, { outcome: 'APPROVE', opinion: '同意', legalBasis: [] })).body['code']).toBe('CASE_SUSPENDED');
    expect((await api.call('POST', `/api/v1/cases/${caseId}/suspensions`, { ...as('applicant-demo'), body: { kind: 'HEARING', reason: '听证' } })).status).toBe(403);
    const resumed = await api.call('POST', `/api/v1/cases/${caseId}/resume`, { ...as('approver-demo'), body: {} });
    expect(resumed.body).toMatchObject({ status: 'IN_PROGRESS', promised: { running: true, remainingWorkingDays: before['remainingWorkingDays'] } });
    expect((await api.call('POST', `/api/v1/cases/${caseId}/extensions`, { ...as('approver-demo'), body: { days: 5, reason: '复杂' } })).status).toBe(403);
    const extended = await api.call('POST', `/api/v1/cases/${caseId}/extensions`, { ...as('head-e2e'), body: { days: 5, reason: '需组织专家论证' } });
    expect(extended.status).toBe(201);
    expect(extended.body).toMatchObject({ promised: { extendedDays: 5 } });
    expect((await api.call('POST', `/api/v1/cases/${caseId}/extensions`, { ...as('head-e2e'), body: { days: 6, reason: '再延' } })).body['code']).toBe('EXTENSION_TOO_LONG');
    expect((await api.call('POST', `/api/v1/cases/${caseId}/green-channel`, { ...as('head-e2e'), body: { reason: '省重点项目' } })).status).toBe(200);
    expect(await inboxTask('approver-demo', caseId, (t) => t['greenChannel'] === true)).toBeDefined();
    const titles = await eventually(async () => {
      const m = await api.call<{ messages?: { eventType: string; title: string }[] }>('GET', `/api/v1/cases/${caseId}/messages`, as('applicant-demo'));
      const found = new Map(m.body.messages?.map((x) => [x.eventType, x.title]));
      return found.has('onewindow.approval.case.extended.v1') ? found : undefined;
    }, 'the written notices');
    expect(titles.get('onewindow.approval.case.suspended.v1')).toBe('办理时限中止告知');
    expect(titles.get('onewindow.approval.case.resumed.v1')).toBe('办理时限恢复计算');
    expect(titles.get('onewindow.approval.case.extended.v1')).toBe('办理时限延长告知');
  });

  it('reviews a refusal internally (复核) by a different approver', async () => {
    const caseId = await submitAndAccept('SCJG-DJ-001');
    const task = await inboxTask('approver-demo', caseId);
    expect((await complete('approver-demo', task.id, { outcome: 'REJECT', opinion: '股东资格证明不符合要求', legalBasis: ['《中华人民共和国市场主体登记管理条例》第二十六条'] })).status).toBe(200);
    const requested = await api.call('POST', `/api/v1/cases/${caseId}/internal-reviews`, { ...as('applicant-demo'), body: { reason: '已补充股东资格证明，请求复核' } });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ internalReview: { status: 'PENDING' } });
    const review = await inboxTask('approver-b-demo', caseId, (t) => t['kind'] === 'INTERNAL_REVIEW');
    const ownInbox = await api.call<{ tasks: Task[] }>('GET', '/api/v1/tasks', as('approver-demo'));
    expect(ownInbox.body.tasks.filter((t) => t.id === review.id)).toEqual([]);
    expect((await api.call('POST', `/api/v1/tasks/${review.id}/claim`, as('approver-demo'))).body['code']).toBe('INTERNAL_REVIEW_SAME_APPROVER');
    expect((await complete('approver-b-demo', review.id, { outcome: 'REJECT', opinion: '维持原决定：仍缺少股东主体资格文件', legalBasis: [] })).status).toBe(200);
    expect((await timeline('applicant-demo', caseId)).body.case).toMatchObject({ internalReview: { status: 'UPHELD', decidedBy: { username: 'approver-b-demo' } } });
  });

  it('overturns a refusal on internal review: the case is decided APPROVED in its place and closes with a licence', async () => {
    const caseId = await submitAndAccept('SCJG-DJ-001');
    const task = await inboxTask('approver-demo', caseId);
    expect((await complete('approver-demo', task.id, { outcome: 'REJECT', opinion: '住所证明不符合要求', legalBasis: ['《中华人民共和国市场主体登记管理条例》第二十六条'] })).status).toBe(200);
    const caseView = () => api.call('GET', `/api/v1/cases/${caseId}`, as('applicant-demo'));
    await eventually(async () => ((await caseView()).body['outcome'] === 'REJECTED' ? true : undefined), 'the refused case to close');
    expect((await api.call('POST', `/api/v1/cases/${caseId}/internal-reviews`, { ...as('applicant-demo'), body: { reason: '住所证明已更正，请求复核' } })).status).toBe(201);
    const review = await inboxTask('approver-b-demo', caseId, (t) => t['kind'] === 'INTERNAL_REVIEW');
    const overturned = await complete('approver-b-demo', review.id, { outcome: 'APPROVE', opinion: '撤销原决定，准予登记', legalBasis: ['《中华人民共和国市场主体登记管理条例》第十九条'] });
    expect(overturned.status, JSON.stringify(overturned.body)).toBe(200);

    const closed = await eventually(async () => {
      const c = (await caseView()).body;
      return c['status'] === 'CLOSED' && c['outcome'] === 'APPROVED' ? c : undefined;
    }, 'the case to close APPROVED with a licence (case.decided → licence.issued over the bus)');
    expect(closed['licenceId']).toMatch(/^1\.2\.156\.3005\.2\./);
    expect((await api.call('GET', `/api/v1/licences/${closed['licenceId'] as string}/verify`)).body).toMatchObject({ valid: true });
    const view = await timeline('applicant-demo', caseId);
    expect(view.body.case).toMatchObject({ status: 'DECIDED', decision: { outcome: 'APPROVED', decidedBy: { username: 'approver-b-demo' } }, internalReview: { status: 'OVERTURNED' } });
    expect(view.body.entries.filter((e) => e['type'] === 'CASE_DECIDED').map((e) => (e['detail'] as Json)['outcome'])).toEqual(['REJECTED', 'APPROVED']);
    expect(view.body['chainIntact']).toBe(true);
  });

  it('raises the warning ladder from the clock and escalates on red, shown on the case, in metrics and to the supervisor', async () => {
    const caseId = await submitAndAccept('SCJG-DJ-001');
    await inboxTask('approver-demo', caseId);
    // 40 calendar days later the promised (0.5 → 1 working day) and statutory (3 working days) limits have long passed.
    platform.env['approval']!['DEV_CLOCK_OFFSET_HOURS'] = String(40 * 24);
    await platform.restart('approval');
    const view = await eventually(async () => {
      const t = await timeline('supervisor-demo', caseId);
      return (t.body.warnings ?? []).length >= 3 ? t.body : undefined;
    }, 'the warnings', 60_000);
    expect(view.warnings.map((w) => w['level'])).toEqual(['EARLY', 'YELLOW', 'RED']);
    expect(view.entries.map((e) => e['type'])).toEqual(expect.arrayContaining(['WARNING_RAISED', 'TASK_REASSIGNED', 'CASE_ESCALATED']));
    expect((await timeline('applicant-demo', caseId)).body.warnings).toHaveLength(3);
    // Escalated on red: the task went up to the section chiefs.
    const escalated = await inboxTask('chief-e2e', caseId);
    expect(escalated).toMatchObject({ role: 'section_chief' });
    const overview = await api.call<{ totals: Json; byAgency: Json[] }>('GET', '/api/v1/supervision/overview', as('supervisor-demo'));
    expect(overview.status).toBe(200);
    expect(overview.body.totals['overdueNow']).toBeGreaterThanOrEqual(1);
    expect(overview.body.byAgency.map((r) => r['key'])).toContain('市场监督管理局');
    expect((await api.call('GET', '/api/v1/supervision/overview', as('approver-demo'))).status).toBe(403);
    const staffMessages = await eventually(async () => {
      const m = await api.call<{ messages?: { eventType: string; recipientId: string }[] }>('GET', `/api/v1/cases/${caseId}/messages`, as('supervisor-demo'));
      const warnings = m.body.messages?.filter((x) => x.eventType === 'onewindow.approval.case.warning-raised.v1') ?? [];
      return warnings.length >= 9 ? warnings : undefined;
    }, 'warning notices to handler, chief and supervisor');
    expect(new Set(staffMessages.map((m) => m.recipientId))).toEqual(new Set(['role:approver@510100/市场监督管理局', 'role:section_chief@510100/市场监督管理局', 'role:supervisor@510100']));
    const applicantMessages = await api.call<{ messages: { eventType: string }[] }>('GET', `/api/v1/cases/${caseId}/messages`, as('applicant-demo'));
    expect(applicantMessages.body.messages.map((m) => m.eventType)).not.toContain('onewindow.approval.case.warning-raised.v1');
    const metrics = await (await fetch(`http://127.0.0.1:${platform.env['approval']!['OPS_PORT']}/metrics`)).text();
    const sample = (name: string, ...labels: string[]) => metrics.split('\n').find((line) => line.startsWith(`${name}{`) && labels.every((l) => line.includes(l)));
    expect(Number(sample('onewindow_approval_overdue_now', 'dimension="agency"', 'key="市场监督管理局"')?.split(' ').at(-1))).toBeGreaterThanOrEqual(1);
    expect(sample('onewindow_approval_on_time_rate', 'dimension="all"')).toBeDefined();
  });

  it('refuses a clock offset under a production configuration', () => {
    const env = { ...platform.env['approval'], ONEWINDOW_ENV: 'production', DEV_CLOCK_OFFSET_HOURS: '24', GRPC_PORT: '0', OPS_PORT: '0' };
    const run = spawnSync(process.execPath, [join(ROOT, 'services/approval/dist/main.js')], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('DEV_CLOCK_OFFSET_HOURS');
  });
});
