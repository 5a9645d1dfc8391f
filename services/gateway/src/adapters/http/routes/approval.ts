import { approvalV1 } from '@onewindow/contracts';
import * as s from '../schemas.js';
import type { Upstreams } from '../../../app/upstreams.js';
import { found, as } from './support.js';
import { route, type Route } from '../route.js';

/** REST operations served by the approval service. */
export function approvalRoutes(up: Upstreams): Route[] {
  return [
    route({
      method: 'get', path: '/api/v1/tasks', operationId: 'listTasks', tag: 'tasks', auth: 'token', status: 200,
      summary: "The caller's approval inbox",
      query: { status: { description: 'OPEN (default), CLAIMED or DONE' } },
      handle: ({ query, token }) => up.approval.call('listTasks', { status: query['status'] ?? '' }, as(token)),
    }),
    route({
      method: 'post', path: '/api/v1/tasks/:taskId/claim', operationId: 'claimTask', tag: 'tasks', auth: 'token',
      status: 200, summary: 'Claims a task from the inbox',
      handle: async ({ params, token }) =>
        found((await up.approval.call('claimTask', { taskId: s.param(params, 'taskId') }, as(token))).task, 'task'),
    }),
    route({
      method: 'post', path: '/api/v1/tasks/:taskId/complete', operationId: 'completeTask', tag: 'tasks',
      auth: 'token', status: 200, idempotent: true, body: s.completeTask,
      summary: 'Decides a task: approve or reject, with an opinion and its legal basis',
      handle: async ({ params, body, token }) =>
        found(
          (await up.approval.call('completeTask', {
            taskId: s.param(params, 'taskId'),
            outcome: body.outcome === 'APPROVE' ? approvalV1.TaskOutcome.TASK_OUTCOME_APPROVE : approvalV1.TaskOutcome.TASK_OUTCOME_REJECT,
            opinion: body.opinion,
            legalBasis: body.legalBasis,
          }, as(token))).task,
          'task',
        ),
    }),
  ];
}
