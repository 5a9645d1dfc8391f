import { approvalV1 } from '@onewindow/contracts';
import { invalid } from '@onewindow/kernel';
import { z } from 'zod';
import * as s from '../schemas.js';
import type { Upstreams } from '../../../app/upstreams.js';
import { orNotFound, withBearer } from './support.js';
import { route, type Route } from '../route.js';

/**
 * REST operations served by the approval service: inboxes and tasks, the
 * case clock (suspensions, extensions), timelines, electronic supervision,
 * the published workflows and the public working-day calculator. Bodies
 * are checked here (shape and size); every rule is approval's.
 */
const text = (max: number) => z.string().trim().max(max);
const reason = text(500).min(1, 'a reason is required');
const legalBasis = z.array(text(200).min(1)).max(20).default([]);

const completeTask = z.strictObject({
  outcome: z.enum(['APPROVE', 'REJECT', 'RETURN']),
  /** The opinion; for a refusal or a return, its reason. */
  opinion: text(2000).min(1, 'an opinion is required (a refusal or a return states its reason)'),
  legalBasis,
});

const reassignTask = z.strictObject({
  toAssignee: s.pathId.optional(),
  toAssigneeName: text(64).default(''),
  toRole: z.enum(['approver', 'section_chief', 'agency_head']).optional(),
  reason,
});

const suspendCase = z.strictObject({
  kind: z.enum(['HEARING', 'TENDERING', 'AUCTION', 'SITE_INSPECTION', 'TESTING', 'QUARANTINE', 'APPRAISAL', 'EXPERT_REVIEW', 'SUPPLEMENT']),
  reason,
  expectedDays: z.int().min(0).max(366).default(0),
});

const resumeCase = z.strictObject({});
const extendCase = z.strictObject({ days: z.int().min(1).max(30), reason });
const withReason = z.strictObject({ reason });

const key = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'lower-case letters, digits, - or _');
const name = text(100).min(1);
const party = z.strictObject({ key, agency: text(64).min(1), name: text(100).optional() });
const workflowStep = z.strictObject({
  id: key,
  name,
  kind: z.enum(['TASK', 'JOINT', 'FAN_OUT']).default('TASK'),
  role: z.string().max(32),
  level: z.enum(['CASE', 'CITY', 'PROVINCE']).default('CASE'),
  agency: text(64).default(''),
  limitDays: z.int().min(0).max(366).default(0),
  onApprove: z.string().max(32),
  onReject: z.string().max(32),
  lead: party.optional(),
  participants: z.array(party).max(20).default([]),
  branches: z.array(party).max(20).default([]),
});
const saveWorkflow = z.strictObject({
  itemCode: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an item or bundle code'),
  name,
  start: key,
  steps: z.array(workflowStep).min(1).max(30),
  instantApproval: z
    .strictObject({
      rules: z.array(z.strictObject({ id: key, description: text(200).min(1), fact: z.string().max(32), op: z.string().max(16), values: z.array(text(200)).max(50).default([]) })).max(20),
      opinion: text(2000).min(1),
      legalBasis: z.array(text(200).min(1)).min(1).max(20),
    })
    .optional(),
  earlyWarningPercent: z.int().min(0).max(99).default(0),
  escalationTrigger: z.enum(['STEP_OVERDUE', 'YELLOW', 'RED']).optional(),
  escalationAction: z.enum(['NONE', 'REASSIGN_TO_CHIEF', 'MOVE_ON']).optional(),
  maxExtensionDays: z.int().min(0).max(30).default(0),
});

const deadlineQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  workingDays: z.string().regex(/^\d{1,3}$/, 'a whole number of working days').transform(Number),
});

function parseDeadlineQuery(query: Record<string, string>) {
  const parsed = deadlineQuery.safeParse(query);
  if (parsed.success) return parsed.data;
  throw invalid('QUERY_INVALID', 'from must be YYYY-MM-DD and workingDays a whole number', parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
}

const OUTCOMES = {
  APPROVE: approvalV1.TaskOutcome.TASK_OUTCOME_APPROVE,
  REJECT: approvalV1.TaskOutcome.TASK_OUTCOME_REJECT,
  RETURN: approvalV1.TaskOutcome.TASK_OUTCOME_RETURN,
} as const;

export function approvalRoutes(up: Upstreams): Route[] {
  const a = up.approval;
  return [
    route({
      method: 'get', path: '/api/v1/tasks', operationId: 'listTasks', tag: 'tasks', auth: 'token', status: 200,
      summary: "The caller's approval inbox: tasks of their roles in their org unit and agency, tasks held in their name or by whom they stand in for (AB角); green-channel cases first",
      query: { status: { description: 'OPEN (default), CLAIMED, DONE, RETURNED or CANCELLED' }, caseId: { description: "Only this case's tasks" } },
      handle: ({ query, token }) => a.call('listTasks', { status: query['status'] ?? '', caseId: query['caseId'] ?? '' }, withBearer(token)),
    }),
    route({
      method: 'post', path: '/api/v1/tasks/:taskId/claim', operationId: 'claimTask', tag: 'tasks', auth: 'token',
      status: 200, summary: 'Claims a task from the inbox',
      handle: async ({ params, token }) => orNotFound((await a.call('claimTask', { taskId: s.param(params, 'taskId') }, withBearer(token))).task, 'task'),
    }),
    route({
      method: 'post', path: '/api/v1/tasks/:taskId/complete', operationId: 'completeTask', tag: 'tasks',
      auth: 'token', status: 200, idempotent: true, body: completeTask,
      summary: 'Decides a task: APPROVE, REJECT (stating the reason) or RETURN to the previous step (stating the reason), with the legal basis',
      handle: async ({ params, body, token }) =>
        orNotFound(
          (await a.call('completeTask', { taskId: s.param(params, 'taskId'), outcome: OUTCOMES[body.outcome], opinion: body.opinion, legalBasis: body.legalBasis }, withBearer(token))).task,
          'task',
        ),
    }),
    route({
      method: 'post', path: '/api/v1/tasks/:taskId/reassign', operationId: 'reassignTask', tag: 'tasks', auth: 'token',
      status: 200, idempotent: true, body: reassignTask,
      summary: 'A section chief or agency head hands a task to a named colleague or to another role, with a reason',
      handle: async ({ params, body, token }) =>
        orNotFound(
          (await a.call('reassignTask', { taskId: s.param(params, 'taskId'), toAssignee: body.toAssignee ?? '', toAssigneeName: body.toAssigneeName, toRole: body.toRole ?? '', reason: body.reason }, withBearer(token))).task,
          'task',
        ),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/suspensions', operationId: 'suspendCase', tag: 'time limits', auth: 'token',
      status: 201, idempotent: true, body: suspendCase,
      summary: 'Stops the clock for a special procedure (听证, 现场勘查, 专家评审, 检验检测…) or a supplement request; the applicant is told in writing',
      handle: async ({ params, body, token }) => orNotFound((await a.call('suspendCase', { caseId: s.param(params, 'caseId'), ...body }, withBearer(token))).case, 'case'),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/resume', operationId: 'resumeCase', tag: 'time limits', auth: 'token',
      status: 200, idempotent: true, body: resumeCase,
      summary: 'Starts the clock again with exactly the working days that remained; the applicant is told',
      handle: async ({ params, token }) => orNotFound((await a.call('resumeCase', { caseId: s.param(params, 'caseId') }, withBearer(token))).case, 'case'),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/extensions', operationId: 'extendCase', tag: 'time limits', auth: 'token',
      status: 201, idempotent: true, body: extendCase,
      summary: "Extends the case's limits by N working days: the agency head's explicit, audited act (at most 10, or 15 for joint handling)",
      handle: async ({ params, body, token }) => orNotFound((await a.call('extendCase', { caseId: s.param(params, 'caseId'), ...body }, withBearer(token))).case, 'case'),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/green-channel', operationId: 'markGreenChannel', tag: 'time limits', auth: 'token',
      status: 200, idempotent: true, body: withReason,
      summary: 'Marks a case for expedited handling (绿色通道), shown to everyone on the case and its tasks',
      handle: async ({ params, body, token }) => orNotFound((await a.call('markGreenChannel', { caseId: s.param(params, 'caseId'), reason: body.reason }, withBearer(token))).case, 'case'),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/internal-reviews', operationId: 'requestInternalReview', tag: 'cases', auth: 'token',
      status: 201, idempotent: true, body: withReason,
      summary: 'The applicant asks for internal review (复核) of a refusal, handled by a different approver',
      handle: async ({ params, body, token }) =>
        orNotFound((await a.call('requestInternalReview', { caseId: s.param(params, 'caseId'), reason: body.reason }, withBearer(token))).case, 'case'),
    }),
    route({
      method: 'get', path: '/api/v1/cases/:caseId/timeline', operationId: 'getCaseTimeline', tag: 'time limits', auth: 'token', status: 200,
      summary: 'Every step, actor and time of a case, its remaining working days and warnings, and its hash-chained audit trail',
      handle: async ({ params, token }) => a.call('getTimeline', { caseId: s.param(params, 'caseId') }, withBearer(token)),
    }),
    route({
      method: 'get', path: '/api/v1/supervision/overview', operationId: 'getSupervisionOverview', tag: 'supervision', auth: 'token', status: 200,
      summary: 'Electronic supervision (电子监察): accepted, closed, on-time and early rates, average working days and overdue cases, per agency, hall and item',
      handle: ({ token }) => a.call('getSupervisionOverview', {}, withBearer(token)),
    }),
    route({
      method: 'get', path: '/api/v1/calendar/deadline', operationId: 'computeDeadline', tag: 'time limits', auth: 'public', status: 200,
      summary: 'The N-th working day after a date (the date itself does not count), by the official holiday schedules; provisional for a year not yet published',
      query: { from: { description: 'YYYY-MM-DD', required: true }, workingDays: { description: 'whole number of working days, 0 to 366', required: true } },
      handle: ({ query }) => a.call('computeDeadline', parseDeadlineQuery(query)),
    }),
    route({
      method: 'get', path: '/api/v1/workflows', operationId: 'listWorkflows', tag: 'workflows', auth: 'public', status: 200,
      summary: "Every item's published workflow (procedure, steps, instant-approval rules)",
      handle: () => a.call('listWorkflows', {}),
    }),
    route({
      method: 'get', path: '/api/v1/workflows/:itemCode', operationId: 'getWorkflow', tag: 'workflows', auth: 'public', status: 200,
      summary: "An item's published workflow; the default one (a single review) when none is saved",
      handle: async ({ params }) => orNotFound((await a.call('getWorkflow', { itemCode: s.param(params, 'itemCode') })).definition, 'workflow'),
    }),
    route({
      method: 'post', path: '/api/v1/workflows', operationId: 'saveWorkflow', tag: 'workflows', auth: 'token', status: 201,
      idempotent: true, body: saveWorkflow,
      summary: "Saves a new version of an item's workflow, validated (every step has a role, every step reachable, both end states reachable); platform administrators",
      handle: async ({ body, token }) =>
        orNotFound(
          (await a.call('saveWorkflow', {
            definition: {
              itemCode: body.itemCode,
              version: 0,
              name: body.name,
              start: body.start,
              steps: body.steps.map((step) => ({ ...step, lead: step.lead ? { ...step.lead, name: step.lead.name ?? '' } : undefined, participants: step.participants.map((p) => ({ ...p, name: p.name ?? '' })), branches: step.branches.map((b) => ({ ...b, name: b.name ?? '' })) })),
              instantApproval: body.instantApproval,
              earlyWarningPercent: body.earlyWarningPercent,
              escalationTrigger: body.escalationTrigger ?? '',
              escalationAction: body.escalationAction ?? '',
              maxExtensionDays: body.maxExtensionDays,
              definedBy: '',
              definedAt: '',
            },
          }, withBearer(token))).definition,
          'workflow',
        ),
    }),
  ];
}
