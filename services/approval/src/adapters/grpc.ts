import { approvalV1 } from '@onewindow/contracts';
import { bindService, callerOf, type CallContext } from '@onewindow/rpc';
import type { ApprovalCase, Task } from '../domain/case.js';
import type { ClaimTask } from '../app/claim-task.js';
import type { CompleteTask } from '../app/complete-task.js';
import type { ComputeDeadline } from '../app/compute-deadline.js';
import type { ExtendCase, MarkGreenChannel } from '../app/extend-case.js';
import type { GetTimeline } from '../app/get-timeline.js';
import type { ListTasks } from '../app/list-tasks.js';
import type { ReassignTask } from '../app/reassign-task.js';
import type { RequestInternalReview } from '../app/request-internal-review.js';
import type { SupervisionOverview } from '../app/supervision-overview.js';
import type { ResumeCase, SuspendCase } from '../app/suspend-case.js';
import type { GetWorkflow, SaveWorkflow } from '../app/workflows.js';
import {
  caseSummary,
  contextOf,
  draftOf,
  inboxTaskMessage,
  outcomeOf,
  overviewRow,
  taskMessage,
  timelineMessage,
  workflowMessage,
} from './grpc-mapping.js';

export interface ApprovalUseCases {
  readonly listTasks: ListTasks;
  readonly claimTask: ClaimTask;
  readonly completeTask: CompleteTask;
  readonly reassignTask: ReassignTask;
  readonly suspendCase: SuspendCase;
  readonly resumeCase: ResumeCase;
  readonly extendCase: ExtendCase;
  readonly markGreenChannel: MarkGreenChannel;
  readonly requestInternalReview: RequestInternalReview;
  readonly getTimeline: GetTimeline;
  readonly supervisionOverview: SupervisionOverview;
  readonly computeDeadline: ComputeDeadline;
  readonly saveWorkflow: SaveWorkflow;
  readonly getWorkflow: GetWorkflow;
}

/** Thin: decode, call the use case, encode. Authorization happens in the use cases. */
export function approvalGrpc(u: ApprovalUseCases) {
  const summary = (c: ApprovalCase) => ({ case: caseSummary(u.getTimeline.view(c)) });
  return bindService(
    approvalV1.ApprovalServiceService,
    {
      listTasks: async (req: approvalV1.ListTasksRequest, ctx: CallContext) => ({
        tasks: (await u.listTasks.execute(callerOf(ctx), { status: req.status, caseId: req.caseId })).map(inboxTaskMessage),
      }),
      claimTask: async (req: approvalV1.ClaimTaskRequest, ctx: CallContext) => {
        return { task: withContext(u, await u.claimTask.execute(callerOf(ctx), { taskId: req.taskId })) };
      },
      completeTask: async (req: approvalV1.CompleteTaskRequest, ctx: CallContext) => {
        const done = await u.completeTask.execute(callerOf(ctx), {
          taskId: req.taskId,
          outcome: outcomeOf(req.outcome),
          opinion: req.opinion,
          legalBasis: req.legalBasis,
        });
        return { task: withContext(u, done) };
      },
      reassignTask: async (req: approvalV1.ReassignTaskRequest, ctx: CallContext) => {
        return { task: withContext(u, await u.reassignTask.execute(callerOf(ctx), { ...req })) };
      },
      suspendCase: async (req: approvalV1.SuspendCaseRequest, ctx: CallContext) =>
        summary(await u.suspendCase.execute(callerOf(ctx), { caseId: req.caseId, kind: req.kind, reason: req.reason, expectedDays: req.expectedDays })),
      resumeCase: async (req: approvalV1.ResumeCaseRequest, ctx: CallContext) => summary(await u.resumeCase.execute(callerOf(ctx), { caseId: req.caseId })),
      extendCase: async (req: approvalV1.ExtendCaseRequest, ctx: CallContext) =>
        summary(await u.extendCase.execute(callerOf(ctx), { caseId: req.caseId, days: req.days, reason: req.reason })),
      markGreenChannel: async (req: approvalV1.MarkGreenChannelRequest, ctx: CallContext) =>
        summary(await u.markGreenChannel.execute(callerOf(ctx), { caseId: req.caseId, reason: req.reason })),
      requestInternalReview: async (req: approvalV1.RequestInternalReviewRequest, ctx: CallContext) =>
        summary(await u.requestInternalReview.execute(callerOf(ctx), { caseId: req.caseId, reason: req.reason })),
      getTimeline: async (req: approvalV1.GetTimelineRequest, ctx: CallContext) =>
        timelineMessage(await u.getTimeline.execute(callerOf(ctx), { caseId: req.caseId })),
      getSupervisionOverview: async (_req: approvalV1.GetSupervisionOverviewRequest, ctx: CallContext) => {
        const o = await u.supervisionOverview.execute(callerOf(ctx));
        return { totals: overviewRow(o.totals), byAgency: o.byAgency.map(overviewRow), byHall: o.byHall.map(overviewRow), byItem: o.byItem.map(overviewRow), asOf: o.asOf };
      },
      computeDeadline: async (req: approvalV1.ComputeDeadlineRequest) => u.computeDeadline.execute({ from: req.from, workingDays: req.workingDays }),
      saveWorkflow: async (req: approvalV1.SaveWorkflowRequest, ctx: CallContext) => ({
        definition: workflowMessage(await u.saveWorkflow.execute(callerOf(ctx), draftOf(req.definition))),
      }),
      getWorkflow: async (req: approvalV1.GetWorkflowRequest) => ({ definition: workflowMessage(await u.getWorkflow.execute({ itemCode: req.itemCode })) }),
      listWorkflows: async () => ({ definitions: (await u.getWorkflow.list()).map(workflowMessage) }),
    },
    { public: ['computeDeadline', 'getWorkflow', 'listWorkflows'] },
  );
}

/** A task with its case's context: number, item, deadlines, the step's remaining days. */
function withContext(u: ApprovalUseCases, result: { task: Task; case: ApprovalCase }): approvalV1.Task {
  return taskMessage(result.task, contextOf(result.case), u.getTimeline.view(result.case).stepRemaining.get(result.task.id));
}
