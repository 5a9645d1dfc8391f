import type { Principal } from '@onewindow/auth';
import { approvalV1 } from '@onewindow/contracts';
import { createLogger, ManualClock, unauthenticated } from '@onewindow/kernel';
import { createRpcClient, startRpcServer } from '@onewindow/rpc';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaimTask } from '../app/claim-task.js';
import { CompleteTask } from '../app/complete-task.js';
import { ListTasks } from '../app/list-tasks.js';
import { approver, clerk, otherApprover, taskFixture } from '../testing/fixtures.js';
import { outboxEvents, tempStore } from '../testing/store.js';
import { approvalGrpc } from './grpc.js';
import { storeTaskRepository } from './task-repository.js';

const principals: Principal[] = [approver(), otherApprover(), clerk()];
const principalFor = (token: string): Principal => {
  const found = principals.find((p) => p.token === token);
  if (!found) throw unauthenticated('TOKEN_INVALID', 'unknown token');
  return found;
};

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serveApproval() {
  const store = await tempStore();
  const tasks = storeTaskRepository(store);
  await tasks.create(taskFixture(), []);
  const clock = new ManualClock('2026-03-12T06:30:00Z');
  const server = await startRpcServer({
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ service: 'approval-test', level: 'silent' }),
    verifier: { verify: async (token) => principalFor(token) },
    services: [
      approvalGrpc({ listTasks: new ListTasks(tasks), claimTask: new ClaimTask(tasks, clock), completeTask: new CompleteTask(tasks, clock) }),
    ],
  });
  closers.push(() => server.close(100));
  const client = createRpcClient(approvalV1.ApprovalServiceClient, `127.0.0.1:${server.port}`);
  closers.push(() => client.close());
  return { store, client };
}

describe('ApprovalService over gRPC', () => {
  it('lists, claims and approves a task, announcing the decision', async () => {
    const { store, client } = await serveApproval();
    const token = approver().token;

    const listed = await client.call('listTasks', { status: '' }, { token });
    const taskId = listed.tasks[0]?.id ?? '';
    const claimed = await client.call('claimTask', { taskId }, { token });
    const completed = await client.call(
      'completeTask',
      { taskId, outcome: approvalV1.TaskOutcome.TASK_OUTCOME_APPROVE, opinion: '准予许可', legalBasis: ['《食品安全法》第三十五条'] },
      { token },
    );

    expect(listed.tasks).toHaveLength(1);
    expect(listed.tasks[0]).toMatchObject({ step: 'review', role: 'approver', orgUnit: '510100', status: 'OPEN', assignee: '' });
    expect(claimed.task).toMatchObject({ status: 'CLAIMED', assignee: 'u-approver-zhao' });
    expect(completed.task).toMatchObject({ status: 'DONE', outcome: 'APPROVE', opinion: '准予许可', completedAt: '2026-03-12T06:30:00.000Z' });
    expect((await outboxEvents(store)).map((e) => e.data)).toEqual([expect.objectContaining({ decision: 'APPROVED', decidedBy: 'zhao.approver' })]);
  });

  it('maps refusals to their errors: no token, wrong role, claimed elsewhere, no outcome', async () => {
    const { client } = await serveApproval();
    const taskId = taskFixture().id;
    await client.call('claimTask', { taskId }, { token: otherApprover().token });

    await expect(client.call('listTasks', { status: '' })).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(client.call('listTasks', { status: '' }, { token: clerk().token })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(client.call('claimTask', { taskId }, { token: approver().token })).rejects.toMatchObject({
      kind: 'precondition',
      code: 'TASK_ALREADY_CLAIMED',
    });
    await expect(
      client.call(
        'completeTask',
        { taskId, outcome: approvalV1.TaskOutcome.TASK_OUTCOME_UNSPECIFIED, opinion: '同意', legalBasis: [] },
        { token: otherApprover().token },
      ),
    ).rejects.toMatchObject({ kind: 'invalid', code: 'TASK_DECISION_INVALID' });
  });
});
