import { approvalV1 } from '@onewindow/contracts';
import { unauthenticated } from '@onewindow/kernel';
import { bindService, type CallContext } from '@onewindow/rpc';
import type { ClaimTask } from '../app/claim-task.js';
import type { CompleteTask } from '../app/complete-task.js';
import type { ListTasks } from '../app/list-tasks.js';
import type { Task, TaskOutcome } from '../domain/task.js';

export interface ApprovalUseCases {
  readonly listTasks: ListTasks;
  readonly claimTask: ClaimTask;
  readonly completeTask: CompleteTask;
}

const caller = (ctx: CallContext) => {
  if (!ctx.principal) throw unauthenticated('TOKEN_MISSING', 'a bearer token is required');
  return ctx.principal;
};

export function approvalGrpc(useCases: ApprovalUseCases) {
  return bindService(approvalV1.ApprovalServiceService, {
    listTasks: async (req: approvalV1.ListTasksRequest, ctx: CallContext) => ({
      tasks: (await useCases.listTasks.execute(caller(ctx), { status: req.status })).map(toMessage),
    }),
    claimTask: async (req: approvalV1.ClaimTaskRequest, ctx: CallContext) => ({
      task: toMessage(await useCases.claimTask.execute(caller(ctx), { taskId: req.taskId })),
    }),
    completeTask: async (req: approvalV1.CompleteTaskRequest, ctx: CallContext) => ({
      task: toMessage(
        await useCases.completeTask.execute(caller(ctx), {
          taskId: req.taskId,
          outcome: outcomeOf(req.outcome),
          opinion: req.opinion,
          legalBasis: req.legalBasis,
        }),
      ),
    }),
  });
}

function outcomeOf(outcome: approvalV1.TaskOutcome): TaskOutcome | null {
  switch (outcome) {
    case approvalV1.TaskOutcome.TASK_OUTCOME_APPROVE:
      return 'APPROVE';
    case approvalV1.TaskOutcome.TASK_OUTCOME_REJECT:
      return 'REJECT';
    default:
      return null;
  }
}

export function toMessage(task: Task): approvalV1.Task {
  return {
    id: task.id,
    caseId: task.caseId,
    caseNumber: task.caseNumber,
    itemCode: task.itemCode,
    itemName: task.itemName,
    step: task.step,
    role: task.role,
    orgUnit: task.orgUnit,
    status: task.status,
    assignee: task.assignee ?? '',
    createdAt: task.createdAt,
    completedAt: task.completedAt ?? '',
    outcome: task.outcome ?? '',
    opinion: task.opinion ?? '',
  };
}
