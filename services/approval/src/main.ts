// Composition root of the approval service: the only place that reads the environment.
import { bundledCalendar } from '@onewindow/calendar';
import { systemClock } from '@onewindow/kernel';
import { openRuntime, parseServiceConfig, serve } from '@onewindow/runtime';
import { caseAcceptedConsumer } from './adapters/case-accepted-consumer.js';
import { approvalGrpc } from './adapters/grpc.js';
import { storeTaskRepository } from './adapters/task-repository.js';
import { ClaimTask } from './app/claim-task.js';
import { CompleteTask } from './app/complete-task.js';
import { ListTasks } from './app/list-tasks.js';
import { OpenReviewTask } from './app/open-review-task.js';

const config = parseServiceConfig('approval', process.env, {});
const rt = await openRuntime(config);
const tasks = storeTaskRepository(rt.store);
const calendar = bundledCalendar();

await serve(rt, {
  rpc: [
    approvalGrpc({
      listTasks: new ListTasks(tasks),
      claimTask: new ClaimTask(tasks, systemClock),
      completeTask: new CompleteTask(tasks, systemClock),
    }),
  ],
  consumers: [caseAcceptedConsumer(new OpenReviewTask(tasks, calendar, systemClock))],
});
