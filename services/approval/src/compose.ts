import type { Clock, Logger } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { caseAcceptedConsumer, delegationConsumer, inboxConsumer } from './adapters/consumers.js';
import { approvalGrpc } from './adapters/grpc.js';
import { storeCaseRepository, storeDelegationRepository, storeSupervisionRows, storeTaskInbox, storeWorkflowRepository } from './adapters/store.js';
import { CaseWriter } from './app/case-writer.js';
import { ClaimTask } from './app/claim-task.js';
import { CompleteTask } from './app/complete-task.js';
import { ComputeDeadline } from './app/compute-deadline.js';
import { EvaluateClocks } from './app/evaluate-clocks.js';
import { ExtendCase, MarkGreenChannel } from './app/extend-case.js';
import { GetTimeline } from './app/get-timeline.js';
import { ListTasks } from './app/list-tasks.js';
import { OpenCase } from './app/open-case.js';
import { ReassignTask } from './app/reassign-task.js';
import { RecordDelegation } from './app/record-delegation.js';
import { RequestInternalReview } from './app/request-internal-review.js';
import { BackfillSupervisionRows, SupervisionOverview } from './app/supervision-overview.js';
import { ResumeCase, SuspendCase } from './app/suspend-case.js';
import { GetWorkflow, SaveWorkflow, SeedWorkflows } from './app/workflows.js';
import type { WorkingDays } from './domain/deadline.js';
import type { SupervisionDefaults } from './domain/supervision.js';

export interface ApprovalDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Official working days (holidays and make-up workdays as data). */
  readonly calendar: WorkingDays;
  readonly supervision: SupervisionDefaults;
  readonly logger: Logger;
}

/** Wires the service from its adapters: `main.ts` passes the runtime's, tests their own. */
export function composeApproval(deps: ApprovalDeps) {
  const { store, clock, calendar, logger } = deps;
  const cases = storeCaseRepository(store);
  const inbox = storeTaskInbox(store);
  const workflows = storeWorkflowRepository(store);
  const delegations = storeDelegationRepository(store);
  const supervisionRows = storeSupervisionRows(store);
  const writer = new CaseWriter(cases, inbox, supervisionRows, logger.child({ component: 'case-writer' }));
  const useCases = {
    openCase: new OpenCase(cases, writer, workflows, calendar, clock),
    listTasks: new ListTasks(inbox, delegations, clock),
    claimTask: new ClaimTask(writer, delegations, clock),
    completeTask: new CompleteTask(writer, delegations, calendar, clock),
    reassignTask: new ReassignTask(writer, clock),
    suspendCase: new SuspendCase(writer, calendar, clock),
    resumeCase: new ResumeCase(writer, calendar, clock),
    extendCase: new ExtendCase(writer, calendar, clock),
    markGreenChannel: new MarkGreenChannel(writer, clock),
    requestInternalReview: new RequestInternalReview(writer, calendar, clock),
    getTimeline: new GetTimeline(cases, calendar, clock),
    supervisionOverview: new SupervisionOverview(supervisionRows, calendar, clock),
    backfillSupervisionRows: new BackfillSupervisionRows(cases, supervisionRows, clock, logger.child({ component: 'supervision' })),
    computeDeadline: new ComputeDeadline(calendar),
    saveWorkflow: new SaveWorkflow(workflows, clock),
    getWorkflow: new GetWorkflow(workflows),
    seedWorkflows: new SeedWorkflows(workflows, clock),
    evaluateClocks: new EvaluateClocks(cases, writer, calendar, clock, deps.supervision, logger.child({ component: 'supervision' })),
    recordDelegation: new RecordDelegation(delegations),
  };
  return {
    useCases,
    repositories: { cases, inbox, workflows, delegations, supervisionRows },
    rpc: approvalGrpc(useCases),
    consumers: [caseAcceptedConsumer(useCases.openCase), inboxConsumer(cases, writer), delegationConsumer(useCases.recordDelegation)],
  };
}
