import type { Principal } from '@onewindow/auth';
import { approvalV1 } from '@onewindow/contracts';
import { createLogger, unauthenticated } from '@onewindow/kernel';
import { createRpcClient, startRpcServer } from '@onewindow/rpc';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptedCaseFixture, admin, applicant, approver, chief, clerk, head, otherApprover, serialDefinition, supervisor } from '../testing/fixtures.js';
import { approvalFixture, outboxEvents } from '../testing/store.js';

const principals: Principal[] = [approver(), otherApprover(), clerk(), chief(), head(), supervisor(), admin(), applicant()];
const principalFor = (token: string): Principal => {
  const found = principals.find((p) => p.token === token);
  if (!found) throw unauthenticated('TOKEN_INVALID', 'unknown token');
  return found;
};

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const CASE = acceptedCaseFixture().caseId;

async function serveApproval() {
  const f = await approvalFixture();
  await f.repositories.workflows.insert(serialDefinition());
  await f.useCases.openCase.execute(acceptedCaseFixture());
  const server = await startRpcServer({
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ service: 'approval-test', level: 'silent' }),
    verifier: { verify: async (token) => principalFor(token) },
    services: [f.rpc],
  });
  closers.push(() => server.close(100));
  const client = createRpcClient(approvalV1.ApprovalServiceClient, `127.0.0.1:${server.port}`);
  closers.push(() => client.close());
  return { ...f, client };
}

describe('ApprovalService over gRPC', () => {
  it('walks review → decide: list, claim, complete with opinion and legal basis, announcing the decision', async () => {
    const { store, client } = await serveApproval();
    const listed = await client.call('listTasks', { status: '', caseId: '' }, { token: approver().token });
    expect(listed.tasks).toHaveLength(1);
    expect((await client.call('listTasks', { status: '', caseId: CASE }, { token: approver().token })).tasks).toHaveLength(1);
    expect((await client.call('listTasks', { status: '', caseId: 'another-case' }, { token: approver().token })).tasks).toEqual([]);
    expect(listed.tasks[0]).toMatchObject({ id: `${CASE}:review`, step: 'review', role: 'approver', orgUnit: '510100', agency: '市场监督管理局', status: 'OPEN', stepDeadline: '2026-03-16', promisedDeadline: '2026-03-18' });
    const claimed = await client.call('claimTask', { taskId: `${CASE}:review` }, { token: approver().token });
    expect(claimed.task).toMatchObject({ status: 'CLAIMED', assignee: 'u-approver-zhao', claimedBy: { label: 'zhao.approver' }, stepRemainingWorkingDays: 3 });
    await client.call('completeTask', { taskId: `${CASE}:review`, outcome: approvalV1.TaskOutcome.TASK_OUTCOME_APPROVE, opinion: '审查通过', legalBasis: [] }, { token: approver().token });
    const decided = await client.call(
      'completeTask',
      { taskId: `${CASE}:decide`, outcome: approvalV1.TaskOutcome.TASK_OUTCOME_REJECT, opinion: '场所不符合要求', legalBasis: ['《食品经营许可和备案管理办法》'] },
      { token: chief().token },
    );
    expect(decided.task).toMatchObject({ status: 'DONE', outcome: 'REJECT', caseStatus: 'DECIDED', completedBy: { username: 'zhou.chief' } });
    expect((await outboxEvents(store)).at(-1)?.data).toMatchObject({ decision: 'REJECTED', opinion: '场所不符合要求' });
  });

  it('suspends, resumes and extends, and shows it all on the timeline', async () => {
    const { client } = await serveApproval();
    const suspended = await client.call('suspendCase', { caseId: CASE, kind: 'EXPERT_REVIEW', reason: '组织专家评审', expectedDays: 10 }, { token: approver().token });
    expect(suspended.case).toMatchObject({ status: 'SUSPENDED', promised: { running: false, remainingWorkingDays: 5 } });
    await client.call('resumeCase', { caseId: CASE }, { token: approver().token });
    const extended = await client.call('extendCase', { caseId: CASE, days: 5, reason: '情况复杂' }, { token: head().token });
    expect(extended.case?.promised).toMatchObject({ limitDays: 5, countedDays: 10, extendedDays: 5, running: true });
    const timeline = await client.call('getTimeline', { caseId: CASE }, { token: applicant().token });
    expect(timeline.entries.map((e) => e.type)).toEqual(['CASE_OPENED', 'TASK_CREATED', 'CASE_SUSPENDED', 'CASE_RESUMED', 'CASE_EXTENDED']);
    expect(timeline.entries[2]).toMatchObject({ actor: 'zhao.approver', detail: { kind: 'EXPERT_REVIEW', reason: '组织专家评审' } });
    expect(timeline).toMatchObject({ chainIntact: true, suspensions: [{ kind: 'EXPERT_REVIEW', workingDaysSuspended: 0 }], extensions: [{ days: 5, approvedBy: { username: 'feng.head' } }] });
    expect(timeline.tasks[0]).toMatchObject({ id: `${CASE}:review`, stepRemainingWorkingDays: 3 });
  });

  it('answers the public calls without a token: the deadline calculator and published workflows', async () => {
    const { client } = await serveApproval();
    expect(await client.call('computeDeadline', { from: '2025-09-30', workingDays: 1 })).toEqual({ deadline: '2025-10-09', provisional: false });
    expect((await client.call('getWorkflow', { itemCode: 'SCJG-XK-014' })).definition).toMatchObject({ version: 1, steps: [{ id: 'review' }, { id: 'decide', role: 'section_chief' }] });
    expect((await client.call('listWorkflows', {})).definitions.map((d) => d.itemCode)).toEqual(['SCJG-XK-014']);
  });

  it('saves a workflow for an administrator, naming every problem of a bad one', async () => {
    const { client } = await serveApproval();
    const definition = {
      itemCode: 'JT-XK-011',
      version: 0,
      name: '审查决定',
      start: 'review',
      steps: [{ id: 'review', name: '审查', kind: 'TASK', role: 'approver', level: 'CASE', agency: '', limitDays: 0, onApprove: 'APPROVED', onReject: 'REJECTED', participants: [], branches: [], lead: undefined }],
      instantApproval: undefined,
      earlyWarningPercent: 0,
      escalationTrigger: '',
      escalationAction: '',
      maxExtensionDays: 0,
      definedBy: '',
      definedAt: '',
    };
    expect((await client.call('saveWorkflow', { definition }, { token: admin().token })).definition).toMatchObject({ version: 1, definedBy: 'admin' });
    await expect(client.call('saveWorkflow', { definition }, { token: approver().token })).rejects.toMatchObject({ kind: 'forbidden' });
    const noRole = { ...definition, steps: [{ ...definition.steps[0]!, role: '' }] };
    await expect(client.call('saveWorkflow', { definition: noRole }, { token: admin().token })).rejects.toMatchObject({ kind: 'invalid', code: 'WORKFLOW_INVALID' });
  });

  it('maps refusals: no token, wrong role, bad outcome, overview for a supervisor only', async () => {
    const { client } = await serveApproval();
    await expect(client.call('listTasks', { status: '', caseId: '' })).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(client.call('listTasks', { status: '', caseId: '' }, { token: clerk().token })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      client.call('completeTask', { taskId: `${CASE}:review`, outcome: approvalV1.TaskOutcome.TASK_OUTCOME_UNSPECIFIED, opinion: '同意', legalBasis: [] }, { token: approver().token }),
    ).rejects.toMatchObject({ kind: 'invalid', code: 'TASK_DECISION_INVALID' });
    await expect(client.call('getSupervisionOverview', {}, { token: approver().token })).rejects.toMatchObject({ kind: 'forbidden' });
    const overview = await client.call('getSupervisionOverview', {}, { token: supervisor().token });
    expect(overview.totals).toMatchObject({ key: 'all', accepted: 1, closed: 0, onTimeRate: undefined });
    expect(overview.byItem.map((r) => r.key)).toEqual(['SCJG-XK-014']);
  });
});
